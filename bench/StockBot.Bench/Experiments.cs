using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Data;

namespace StockBot.Bench;

/// <summary>
/// Bench-side emulations of fixes to the engine's database writes, switched on with --experiment,
/// so a suggested fix can be measured before anyone changes src/. They hook EF Core's interceptors
/// through ConfigureDbContext; the engine's code is unchanged. Default: none.
/// </summary>
internal static class Experiments
{
    public static readonly IReadOnlyList<string> All = ["none", "busy-timeout", "write-gate"];

    public static IServiceCollection Apply(IServiceCollection services, string experiment)
    {
        switch (experiment)
        {
            case "busy-timeout":
                // SQLite's own busy handler waits in ms steps; Microsoft.Data.Sqlite's retry sleeps 150 ms.
                services.ConfigureDbContext<StockBotDbContext>(o => o.AddInterceptors(new BusyTimeoutInterceptor()));
                break;
            case "write-gate":
                // One writer at a time in the process, waited for asynchronously.
                services.ConfigureDbContext<StockBotDbContext>(o => o.AddInterceptors(WriteGateInterceptor.Instance));
                break;
        }

        return services;
    }

    private sealed class BusyTimeoutInterceptor : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Set(connection);
            return Task.CompletedTask;
        }

        private static void Set(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 30000;";
            command.ExecuteNonQuery();
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A process-wide singleton; the semaphore lives as long as the process.")]
    private sealed class WriteGateInterceptor : DbTransactionInterceptor
    {
        public static readonly WriteGateInterceptor Instance = new();
        private readonly SemaphoreSlim gate = new(1, 1);

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            await this.gate.WaitAsync(cancellationToken);
            return result;
        }

        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            this.gate.Wait();
            return result;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => this.gate.Release();

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            this.gate.Release();
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => this.gate.Release();

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            this.gate.Release();
            return Task.CompletedTask;
        }
    }
}

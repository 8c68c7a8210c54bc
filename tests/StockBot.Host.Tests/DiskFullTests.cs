using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockBot.Data;
using StockBot.Host.Hosting;
using StockBot.Host.Scheduling;
using StockBot.Simulator;
using StockBot.Testing;

namespace StockBot.Host.Tests;

/// <summary>
/// Disk full (SQLITE_FULL) under the running host, provoked with SQLite's own size limit (PRAGMA max_page_count on every
/// connection the host opens) instead of filling a disk: the cycle's writes roll back whole, one line, unhealthy with
/// the reason, and the next cycle after space returns goes on by itself.
/// </summary>
public sealed class DiskFullTests : IAsyncDisposable
{
    private const int CatalogueSize = 300;

    private readonly PageLimit limit = new();
    private readonly StockBotHostHarness service = new("stockbot-full-");

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task CycleJob_DiskFull_RollsBackWholeSaysSoOnceUnhealthyAndRecoversWhenSpaceReturns()
    {
        await using var simulator = await WhmcsSimulator.StartAsync();
        var store = simulator.AddStore("full-id", "full-secret-6620");
        for (var pid = 1; pid <= CatalogueSize; pid++)
        {
            store.AddProduct(pid, $"Catalogue product number {pid} with a name long enough to fill pages", 5);
        }

        Assert.Equal(0, (await service.Cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret)).ExitCode);
        Assert.Equal(0, (await service.Cli.RunAsync("monitor", "add", "--website", "1", "--product", "1")).ExitCode);
        Assert.Equal(0, (await service.Cli.RunAsync("subscription", "add", "--platform", "console", "--channel", "ops")).ExitCode);
        service.ConfigureServices = services => services.ConfigureDbContext<StockBotDbContext>(options => options.AddInterceptors(limit));
        await service.StartAsync();

        // The database may not grow by a page: the first cycle's catalogue (300 rows), record and history need several.
        limit.MaxPages = 1;
        await RunCycleJobAsync();
        await RunCycleJobAsync();
        var whileFull = await HealthAsync();

        Assert.Equal(0, service.Database.Count("website_products"));
        Assert.Equal(0, service.Database.Count("stock_records"));
        Assert.Equal(0, service.Database.Count("monitor_histories"));
        Assert.Equal(0, service.Database.Count("alert_deliveries"));
        Assert.Equal(0, service.Database.Count("bot_state WHERE key = 'last_cycle'"));
        Assert.Equal(
            $"unhealthy: the disk holding the database at {service.DatabasePath} is full: free some space; StockBot goes on by itself once it can write",
            whileFull.Summary());
        var broken = Assert.Single(OurLogs(), r => r.Level >= LogLevel.Warning);
        Assert.Contains("is full", broken.Message, StringComparison.Ordinal);
        Assert.Null(broken.Exception);

        limit.MaxPages = int.MaxValue;
        await RunCycleJobAsync();
        var afterwards = await HealthAsync();

        Assert.Equal(CatalogueSize, service.Database.Count("website_products"));
        Assert.Equal(1, service.Database.Count("stock_records"));
        Assert.Equal(1, service.Database.Count("bot_state WHERE key = 'last_cycle'"));
        Assert.True(afterwards.Healthy, afterwards.Summary());
        Assert.Single(OurLogs(), r => r.Message.Contains("takes writes again", StringComparison.Ordinal));
        Assert.Single(OurLogs(), r => r.Level >= LogLevel.Warning);
    }

    /// <summary>The schedule's cycle job, as Coravel invokes it; a clock of its own so each call runs a cycle.</summary>
    private Task RunCycleJobAsync() =>
        ActivatorUtilities.CreateInstance<MonitoringCycleJob>(service.Services, new CycleClock(TimeProvider.System)).Invoke();

    private async Task<Core.Operations.HealthReport> HealthAsync()
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StockBotHealthCheck>().RunAsync(CancellationToken.None);
    }

    /// <summary>StockBot's own log lines; EF Core's are the console's filter's to drop (RunProcessTests see the console).</summary>
    private IEnumerable<Microsoft.Extensions.Logging.Testing.FakeLogRecord> OurLogs() =>
        service.Logs.GetSnapshot().Where(r => r.Category?.StartsWith("StockBot", StringComparison.Ordinal) == true);

    /// <summary>SQLite's database size limit on each connection as it opens (a limit below the file's size means "not one page more").</summary>
    private sealed class PageLimit : DbConnectionInterceptor
    {
        public long? MaxPages { get; set; }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (MaxPages is { } pages)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA max_page_count = {pages}";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (MaxPages is { } pages)
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA max_page_count = {pages}";
                command.ExecuteNonQuery();
            }
        }
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StockBot.Data;

/// <summary>
/// Per-connection settings for a file shared by the running bot and CLI commands: SQLite itself
/// waits for a busy lock (in fine steps, instead of the driver's 150 ms sleeps), and with WAL a
/// commit need not fsync the database file.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

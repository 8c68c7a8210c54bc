using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StockBot.Data;

/// <summary>
/// Per-connection settings for a file shared by the running bot and CLI commands: SQLite itself
/// waits for a busy lock (in fine steps, instead of the driver's 150 ms sleeps), and with WAL a
/// commit need not fsync the database file.
/// </summary>
/// <remarks>
/// Both pragmas belong to the native connection, which Microsoft.Data.Sqlite keeps in its pool across
/// Close/Open; they are sent once per native connection, not on every open (an open per website per cycle).
/// </remarks>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;";

    private static readonly object Done = new();

    // Keyed by the native handle object: it lives exactly as long as the pooled native connection.
    private readonly ConditionalWeakTable<object, object> applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection, out var key))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        Remember(key);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection, out var key))
        {
            return;
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        Remember(key);
    }

    private bool NeedsPragmas(DbConnection connection, out object? key)
    {
        key = (connection as SqliteConnection)?.Handle;
        return key is null || !applied.TryGetValue(key, out _);
    }

    private void Remember(object? key)
    {
        if (key is not null)
        {
            applied.AddOrUpdate(key, Done);
        }
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StockBot.Core.Configuration;
using StockBot.Data.Providers;

namespace StockBot.Core.Maintenance;

public sealed record TableCount(string Table, long Rows);

public sealed record DatabaseStats(string? File, long FileBytes, long WalBytes, IReadOnlyList<TableCount> Tables);

public sealed record BackupResult(string File, long Bytes, string IntegrityCheck);

public sealed record RetentionResult(int UnchangedRecordsThinned, int DeliveredAlertsDeleted, DateTime RecordsBeforeUtc, DateTime AlertsBeforeUtc);

/// <summary>Backup, retention and statistics for a database that runs for years.</summary>
public sealed class DatabaseMaintenance(StockBotDbContext db, DatabaseDialect dialect, IOptions<RetentionOptions> retention, TimeProvider time)
{
    private static readonly string[] Tables = ["websites", "monitor_configs", "stock_records", "monitor_histories", "subscriptions", "alert_deliveries"];

    /// <summary>The database's file; null for an in-memory database or a database server.</summary>
    public string? FilePath => dialect.FilePath;

    /// <summary>The database as a person would name it: its file, or what it is when there is none.</summary>
    public string Location => dialect is SqliteDialect ? FilePath ?? "the in-memory database" : dialect.Shown;

    /// <summary>Backup and restore copy the SQLite file; on a server its own tools do (one line, exit 2).</summary>
    public void RequireSqliteFile(string command, string tool)
    {
        if (dialect is not SqliteDialect)
        {
            throw new InputException(command, $"works on the SQLite file; on PostgreSQL use {tool}");
        }
    }

    /// <summary>
    /// SQLite's online backup: a consistent copy even while the bot writes, checked with
    /// PRAGMA integrity_check before it is reported done.
    /// </summary>
    public async Task<BackupResult> BackupAsync(string file, bool overwrite, CancellationToken cancellationToken)
    {
        RequireSqliteFile("db backup", "pg_dump");
        var target = Path.GetFullPath(file);
        var source = FilePath;
        if (source is not null && string.Equals(source, target, StringComparison.Ordinal))
        {
            throw new InputException("file", "must not be the database itself");
        }

        if (File.Exists(target) && !overwrite)
        {
            throw new InputException("file", $"{target} exists; choose another name or pass --overwrite");
        }

        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            // A typo in the path would otherwise leave the backup somewhere nobody looks.
            throw new InputException("file", $"the folder {folder} does not exist; create it first or choose another path");
        }

        var partial = target + ".partial";
        File.Delete(partial);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await destination.OpenAsync(cancellationToken);
                connection.BackupDatabase(destination);
                await using var command = destination.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            var integrity = await IntegrityCheckAsync(partial, cancellationToken);
            if (integrity != "ok")
            {
                File.Delete(partial);
                throw new InvalidOperationException($"The backup failed its integrity check: {integrity}");
            }

            File.Move(partial, target, overwrite);
            return new BackupResult(target, new FileInfo(target).Length, integrity);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<string> IntegrityCheckAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Keeps every change; thins old unchanged samples to one per monitor per day; drops old delivered alerts.</summary>
    public async Task<RetentionResult> ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var recordsBefore = now.AddDays(-retention.Value.Days);
        var alertsBefore = now.AddDays(-retention.Value.DeliveredAlertDays);
        var oldUnchanged = db.StockRecords.Where(r => r.ChangeType == ChangeType.Unchanged && r.CreatedAt < recordsBefore);
        var keep = oldUnchanged
            .GroupBy(r => new { r.MonitorConfigId, r.CreatedAt.Date })
            .Select(g => g.Min(r => r.Id));
        var thinned = await oldUnchanged.Where(r => !keep.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.AlertDeliveries
            .Where(d => d.Status == DeliveryStatus.Sent && d.CreatedAt < alertsBefore)
            .ExecuteDeleteAsync(cancellationToken);
        return new RetentionResult(thinned, deleted, recordsBefore, alertsBefore);
    }

    public async Task<DatabaseStats> StatsAsync(CancellationToken cancellationToken)
    {
        var counts = new List<TableCount>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var table in Tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                counts.Add(new TableCount(table, (long)(await command.ExecuteScalarAsync(cancellationToken))!));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var file = FilePath;
        long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
        return new DatabaseStats(file, file is null ? 0 : Size(file), file is null ? 0 : Size(file + "-wal"), counts);
    }
}

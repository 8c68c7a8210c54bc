using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using StockBot.Core.Security;

namespace StockBot.Core.Maintenance;

/// <summary>What a backup holds, once it has passed every check a restore makes.</summary>
public sealed record RestoreCheck(string File, string IntegrityCheck, string? SchemaVersion, long Websites, long Monitors, long Subscriptions, int Secrets);

public sealed record RestoreResult(RestoreCheck Restored, string? PreviousCopy, IReadOnlyList<string> MigrationsApplied);

/// <summary>
/// `db restore`: a backup replaces the database only after it has proved it is a sound StockBot database, written by
/// this version or an older one, whose secrets open with this encryption key; the database it replaces is kept.
/// </summary>
public sealed class DatabaseRestore(StockBotDbContext db, SecretProtector protector, DatabaseMaintenance maintenance, DatabaseInitializer initializer, TimeProvider time)
{
    private const int SqliteNotADatabase = 26;

    private static readonly string[] Required = ["websites", "monitor_configs", "stock_records", "subscriptions", "__EFMigrationsHistory"];

    public async Task<RestoreCheck> CheckAsync(string file, CancellationToken cancellationToken)
    {
        maintenance.RequireSqliteFile("db restore", "pg_restore");
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
        {
            throw new InputException("file", $"{source} does not exist");
        }

        if (string.Equals(source, maintenance.FilePath, StringComparison.Ordinal))
        {
            throw new InputException("file", "is the database itself; name a backup file");
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            var integrity = (string)(await Scalar(connection, "PRAGMA integrity_check;", cancellationToken))!;
            if (integrity != "ok")
            {
                throw new InputException("file", $"{source} fails SQLite's integrity check ({integrity.Split('\n')[0]}); nothing was replaced");
            }

            var tables = await Column(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", cancellationToken);
            if (Required.FirstOrDefault(t => !tables.Contains(t)) is { } missing)
            {
                throw new InputException("file", $"{source} is not a StockBot database (it has no {missing} table)");
            }

            var applied = await Column(connection, "SELECT migration_id FROM \"__EFMigrationsHistory\" ORDER BY migration_id", cancellationToken);
            var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            if (applied.FirstOrDefault(m => !known.Contains(m)) is { } newer)
            {
                throw new InputException("file", $"{source} was written by a newer StockBot (migration {newer}); upgrade StockBot before restoring it");
            }

            var secrets = await Column(connection, "SELECT api_secret FROM websites UNION ALL SELECT api_access_key FROM websites WHERE api_access_key IS NOT NULL", cancellationToken);
            if (await HasColumn(connection, "subscriptions", "webhook_url_encrypted", cancellationToken))
            {
                secrets.AddRange(await Column(connection, "SELECT webhook_url_encrypted FROM subscriptions WHERE webhook_url_encrypted IS NOT NULL", cancellationToken));
            }

            foreach (var secret in secrets.Where(s => s.Length > 0))
            {
                try
                {
                    protector.Unprotect(secret);
                }
                catch (Exception ex) when (ex is CryptographicException or FormatException)
                {
                    throw new InputException("file",
                        "its API secrets do not open with this encryption key; restore with the key in use when the backup was made (Security:EncryptionKey, or its stockbot.key beside the database)");
                }
            }

            return new RestoreCheck(
                source,
                integrity,
                applied.LastOrDefault(),
                (long)(await Scalar(connection, "SELECT COUNT(*) FROM websites", cancellationToken))!,
                (long)(await Scalar(connection, "SELECT COUNT(*) FROM monitor_configs", cancellationToken))!,
                (long)(await Scalar(connection, "SELECT COUNT(*) FROM subscriptions", cancellationToken))!,
                secrets.Count);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteNotADatabase)
        {
            throw new InputException("file", $"{source} is not a SQLite database");
        }
    }

    /// <summary>Checks the backup, keeps a copy of the current database, copies the backup in and migrates it.</summary>
    public async Task<RestoreResult> RestoreAsync(string file, CancellationToken cancellationToken)
    {
        maintenance.RequireSqliteFile("db restore", "pg_restore");
        var check = await CheckAsync(file, cancellationToken);
        string? previous = null;
        var current = maintenance.FilePath;
        if (current is not null && File.Exists(current))
        {
            var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            previous = (await maintenance.BackupAsync(
                Path.Combine(Path.GetDirectoryName(current)!, $"{Path.GetFileNameWithoutExtension(current)}.before-restore-{stamp}.db"), overwrite: false, cancellationToken)).File;
        }

        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = check.File, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await source.OpenAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                // SQLite's online backup writes the whole file under one lock: a reader sees the old or the new database, never half.
                source.BackupDatabase((SqliteConnection)db.Database.GetDbConnection());
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        var migration = await initializer.MigrateAsync(cancellationToken);
        return new RestoreResult(check, previous, migration.Applied);
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<List<string>> Column(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.IsDBNull(0) ? string.Empty : reader.GetString(0));
        }

        return values;
    }

    private static async Task<bool> HasColumn(SqliteConnection connection, string table, string column, CancellationToken cancellationToken) =>
        (await Column(connection, $"SELECT name FROM pragma_table_info('{table}')", cancellationToken)).Contains(column);
}

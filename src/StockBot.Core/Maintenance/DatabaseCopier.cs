using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using StockBot.Data.Providers;

namespace StockBot.Core.Maintenance;

public sealed record CopiedTable(string Name, long Rows);

/// <param name="Target">The PostgreSQL database as host:port/database (never the password).</param>
public sealed record DatabaseCopyResult(string Target, IReadOnlyList<CopiedTable> Tables, long TotalRows, double Seconds, IReadOnlyList<string> MigrationsApplied);

/// <summary>Where a copy is: <paramref name="Rows"/> of <paramref name="TableRows"/> copied in <paramref name="Table"/>.</summary>
public sealed record DatabaseCopyProgress(string Table, long Rows, long TableRows);

/// <summary>
/// `db copy --to`: the SQLite database, every table of the model, into an empty PostgreSQL database (the upgrade
/// path). The SQLite side is read in one read transaction (one consistent snapshot, the running bot may go on
/// writing); the PostgreSQL side is written in one transaction with binary COPY, streamed row by row (memory stays
/// flat however many stock records there are), ids as they are, encrypted secrets as their ciphertext. Then every
/// identity sequence moves past its table's largest id and the row counts are compared; any failure rolls back.
/// This class reads both engines by nature: its SQL is the copy's own, not the engine's hot path.
/// </summary>
public sealed class DatabaseCopier(StockBotDbContext source, DatabaseDialect dialect, TimeProvider time)
{
    /// <summary>How often, in rows, a long table reports its progress.</summary>
    public const int ProgressEvery = 50_000;

    private const string Field = "--to";

    /// <summary>The target as messages name it: host:port/database; bad input (exit 2) when it is not a usable connection string.</summary>
    public static string Describe(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // The message may quote the string, and so its password: name nothing from it.
            throw new InputException(Field, "is not a PostgreSQL connection string; expected e.g. \"Host=db;Port=5432;Database=stockbot;Username=stockbot;Password=...\"");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InputException(Field, "names no Host; expected e.g. \"Host=db;Port=5432;Database=stockbot;Username=stockbot;Password=...\"");
        }

        var database = string.IsNullOrEmpty(builder.Database) ? builder.Username ?? "postgres" : builder.Database;
        return $"{builder.Host}:{builder.Port}/{database}";
    }

    public async Task<DatabaseCopyResult> CopyAsync(string to, IProgress<DatabaseCopyProgress>? progress, CancellationToken cancellationToken)
    {
        if (dialect is not SqliteDialect)
        {
            throw new InputException(Field, $"db copy reads a SQLite database, and Database:Provider is {dialect.Name} here; run it with the SQLite configuration (Database:Provider=sqlite)");
        }

        if (dialect.FilePath is null)
        {
            throw new InputException(Field, "the configured SQLite database is in memory: there is nothing to copy");
        }

        var shown = Describe(to);
        var started = time.GetTimestamp();
        var tables = Tables(source.Model);

        await using var target = new NpgsqlConnection(to);
        await Guard(shown, null, () => target.OpenAsync(cancellationToken));

        // Nothing is written, not even the schema, into a database that holds StockBot rows already.
        foreach (var table in tables)
        {
            var rows = await Guard(shown, table.Name, () => CountTargetAsync(target, null, table.Name, mayBeMissing: true, cancellationToken));
            if (rows > 0)
            {
                throw new InputException(Field, $"the target database is not empty ({table.Name} has {rows:N0} row{(rows == 1 ? string.Empty : "s")}); copy needs an empty database");
            }
        }

        var applied = await Guard(shown, null, () => MigrateTargetAsync(to, cancellationToken));

        var builder = new SqliteConnectionStringBuilder(dialect.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var sqlite = new SqliteConnection(builder.ToString());
        await sqlite.OpenAsync(cancellationToken);

        // A deferred transaction takes no lock until its first read, which fixes the snapshot every later read sees.
        await using var snapshot = sqlite.BeginTransaction(deferred: true);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            counts[table.Name] = await CountSourceAsync(sqlite, snapshot, table.Name, cancellationToken);
        }

        await using var transaction = await target.BeginTransactionAsync(cancellationToken);
        var copied = new List<CopiedTable>();
        foreach (var table in tables)
        {
            var rows = await Guard(shown, table.Name, () => CopyTableAsync(sqlite, snapshot, target, table, counts[table.Name], progress, cancellationToken));
            copied.Add(new CopiedTable(table.Name, rows));
        }

        foreach (var table in tables)
        {
            await Guard(shown, table.Name, () => AdvanceSequencesAsync(target, transaction, table.Name, cancellationToken));
        }

        foreach (var table in tables)
        {
            var inTarget = await Guard(shown, table.Name, () => CountTargetAsync(target, transaction, table.Name, mayBeMissing: false, cancellationToken));
            if (inTarget != counts[table.Name])
            {
                throw new InvalidOperationException($"{Field}: {table.Name} has {counts[table.Name]:N0} rows in SQLite but {inTarget:N0} in PostgreSQL after the copy; nothing was kept (rolled back)");
            }
        }

        await Guard(shown, null, () => transaction.CommitAsync(cancellationToken));
        var seconds = Math.Round(time.GetElapsedTime(started).TotalSeconds, 1);
        return new DatabaseCopyResult(shown, copied, copied.Sum(t => t.Rows), seconds, applied);
    }

    /// <summary>Every table of the model, parents before the tables whose foreign keys name them.</summary>
    internal static IReadOnlyList<TableCopy> Tables(IModel model)
    {
        var byTable = new Dictionary<string, IEntityType>(StringComparer.Ordinal);
        foreach (var entity in model.GetEntityTypes().Where(e => !e.IsOwned() && e.GetTableName() is not null))
        {
            var name = entity.GetTableName()!;
            if (!byTable.TryAdd(name, entity))
            {
                throw new InvalidOperationException($"{name} holds more than one entity type; db copy copies one entity type per table");
            }
        }

        var ordered = new List<TableCopy>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var pending = byTable.Keys.Order(StringComparer.Ordinal).ToList();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(name => byTable[name].GetForeignKeys()
                .Select(fk => fk.PrincipalEntityType.GetTableName())
                .All(parent => parent is null || parent == name || done.Contains(parent)));
            if (ready is null)
            {
                throw new InvalidOperationException($"the foreign keys between {string.Join(", ", pending)} form a cycle; db copy cannot order them");
            }

            var entity = byTable[ready];
            var store = StoreObjectIdentifier.Table(ready, entity.GetSchema());
            var columns = entity.GetProperties()
                .Select(p => new ColumnCopy(p.GetColumnName(store) ?? throw new InvalidOperationException($"{ready}.{p.Name} has no column"), p.GetRelationalTypeMapping()))
                .ToList();
            ordered.Add(new TableCopy(ready, columns));
            done.Add(ready);
            pending.Remove(ready);
        }

        return ordered;
    }

    private static async Task<IReadOnlyList<string>> MigrateTargetAsync(string to, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<StockBotDbContext>().UseStockBotPostgres(to).Options;
        await using var db = new StockBotDbContext(options);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        return pending;
    }

    private static async Task<long> CountSourceAsync(SqliteConnection sqlite, SqliteTransaction snapshot, string table, CancellationToken cancellationToken)
    {
        await using var command = sqlite.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = $"SELECT COUNT(*) FROM {Quote(table)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<long> CountTargetAsync(NpgsqlConnection target, NpgsqlTransaction? transaction, string table, bool mayBeMissing, CancellationToken cancellationToken)
    {
        if (mayBeMissing)
        {
            await using var exists = new NpgsqlCommand("SELECT to_regclass(quote_ident(@table)) IS NOT NULL", target, transaction);
            exists.Parameters.AddWithValue("table", table);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {Quote(table)}", target, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<long> CopyTableAsync(
        SqliteConnection sqlite,
        SqliteTransaction snapshot,
        NpgsqlConnection target,
        TableCopy table,
        long expected,
        IProgress<DatabaseCopyProgress>? progress,
        CancellationToken cancellationToken)
    {
        var types = await TargetColumnTypesAsync(target, table.Name, cancellationToken);
        var missing = table.Columns.Select(c => c.Name).Where(c => !types.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{Field}: the target's {table.Name} has no column {string.Join(", ", missing)}; its schema is not StockBot's");
        }

        progress?.Report(new DatabaseCopyProgress(table.Name, 0, expected));
        if (expected == 0)
        {
            return 0;
        }

        var list = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        await using var read = sqlite.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = $"SELECT {list} FROM {Quote(table.Name)}";
        await using var reader = await read.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);

        var targetTypes = table.Columns.Select(c => types[c.Name]).ToArray();
        long rows = 0;
        await using (var import = await target.BeginBinaryImportAsync($"COPY {Quote(table.Name)} ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                await import.StartRowAsync(cancellationToken);
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var value = table.Columns[i].Read(reader, i);
                    if (value is null)
                    {
                        await import.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await import.WriteAsync(value, targetTypes[i], cancellationToken);
                    }
                }

                rows++;
                if (rows % ProgressEvery == 0)
                {
                    progress?.Report(new DatabaseCopyProgress(table.Name, rows, expected));
                }
            }

            await import.CompleteAsync(cancellationToken);
        }

        progress?.Report(new DatabaseCopyProgress(table.Name, rows, expected));
        return rows;
    }

    /// <summary>The target table's columns and their PostgreSQL type names (int4, varchar, timestamptz, bool...), as COPY BINARY needs them exactly.</summary>
    private static async Task<Dictionary<string, string>> TargetColumnTypesAsync(NpgsqlConnection target, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table",
            target);
        command.Parameters.AddWithValue("table", table);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            types[reader.GetString(0)] = reader.GetString(1);
        }

        return types;
    }

    /// <summary>Each identity (or serial) column's sequence continues after the largest id copied, so the next row gets max+1.</summary>
    private static async Task AdvanceSequencesAsync(NpgsqlConnection target, NpgsqlTransaction transaction, string table, CancellationToken cancellationToken)
    {
        var columns = new List<string>();
        await using (var find = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')",
            target,
            transaction))
        {
            find.Parameters.AddWithValue("table", table);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add(reader.GetString(0));
            }
        }

        foreach (var column in columns)
        {
            await using var advance = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence(quote_ident(@table), @column), MAX({Quote(column)})) FROM {Quote(table)} HAVING MAX({Quote(column)}) IS NOT NULL",
                target,
                transaction);
            advance.Parameters.AddWithValue("table", table);
            advance.Parameters.AddWithValue("column", column);
            await advance.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>A PostgreSQL failure as one line naming --to, the server and the table; the password never appears.</summary>
    private static async Task<T> Guard<T>(string shown, string? table, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(Explain(ex, shown, table));
        }
    }

    private static async Task Guard(string shown, string? table, Func<Task> work) =>
        await Guard(shown, table, async () =>
        {
            await work();
            return true;
        });

    private static string Explain(Exception exception, string shown, string? table)
    {
        var where = table is null ? string.Empty : $" while copying {table}";
        var rolledBack = table is null ? string.Empty : "; nothing was kept (rolled back)";
        return exception switch
        {
            PostgresException postgres => $"{Field}: PostgreSQL at {shown} refused{where}: {postgres.MessageText} ({postgres.SqlState}){rolledBack}",
            _ => $"{Field}: cannot reach PostgreSQL at {shown}{where}: {OneLine(exception.GetBaseException().Message)}{rolledBack}",
        };
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    internal sealed record TableCopy(string Name, IReadOnlyList<ColumnCopy> Columns);

    /// <summary>
    /// One column: read as SQLite stores it (the source mapping's provider type), turned into the model's value by
    /// the source converter (enums from their strings, dates as UTC), which the target model's converters turn
    /// into the same stored form on PostgreSQL. Ciphertext is a string like any other: copied unchanged.
    /// </summary>
    internal sealed class ColumnCopy(string name, RelationalTypeMapping mapping)
    {
        private readonly ValueConverter? converter = mapping.Converter;
        private readonly Type stored = Nullable.GetUnderlyingType(mapping.Converter?.ProviderClrType ?? mapping.ClrType) ?? (mapping.Converter?.ProviderClrType ?? mapping.ClrType);

        public string Name { get; } = name;

        public object? Read(DbDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                return null;
            }

            object value = stored switch
            {
                _ when stored == typeof(string) => reader.GetString(ordinal),
                _ when stored == typeof(int) => reader.GetInt32(ordinal),
                _ when stored == typeof(long) => reader.GetInt64(ordinal),
                _ when stored == typeof(short) => reader.GetInt16(ordinal),
                _ when stored == typeof(bool) => reader.GetBoolean(ordinal),
                _ when stored == typeof(double) => reader.GetDouble(ordinal),
                _ when stored == typeof(decimal) => reader.GetDecimal(ordinal),
                _ when stored == typeof(DateTime) => reader.GetDateTime(ordinal),
                _ when stored == typeof(DateTimeOffset) => reader.GetFieldValue<DateTimeOffset>(ordinal),
                _ when stored == typeof(Guid) => reader.GetGuid(ordinal),
                _ when stored == typeof(byte[]) => reader.GetFieldValue<byte[]>(ordinal),
                _ => throw new InvalidOperationException($"column {Name} is stored as {stored.Name}, which db copy does not know"),
            };

            // Through the model's value and back: a value the model would not read (an unknown enum string) fails here, named.
            var copy = converter is null ? value : converter.ConvertToProvider(converter.ConvertFromProvider(value));
            return copy is DateTime { Kind: not DateTimeKind.Utc } date ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : copy;
        }
    }
}

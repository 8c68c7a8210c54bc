using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using StockBot.Testing;

namespace StockBot.Host.Tests.Postgres;

/// <summary>
/// `db migrate` on an empty PostgreSQL database makes the specification's schema: the tables, columns and index names
/// SQLite's migrations make (SQLite's own __EFMigrationsLock table aside: EF locks PostgreSQL migrations with a table lock).
/// </summary>
public sealed class PostgresSchemaTests
{
    [SkippableFact]
    public async Task DbMigrate_EmptyPostgres_CreatesTheSqliteSchemasTablesColumnsAndIndexNames()
    {
        using var sqlite = new CliHarness();
        using var postgres = new CliHarness(TestProvider.Postgres);

        var sqliteMigrate = await sqlite.RunAsync("db", "migrate");
        var postgresMigrate = await postgres.RunAsync("db", "migrate");

        Assert.Equal(0, sqliteMigrate.ExitCode);
        Assert.True(postgresMigrate.ExitCode == 0, postgresMigrate.Error);
        await using var lite = new SqliteConnection($"Data Source={sqlite.DatabasePath};Pooling=False");
        await using var pg = new NpgsqlConnection(postgres.Settings["ConnectionStrings:StockBot"]);
        await lite.OpenAsync();
        await pg.OpenAsync();
        var liteColumns = await Rows(lite, "SELECT m.name || '.' || c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__EFMigrationsLock'");
        var pgColumns = await Rows(pg, "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'");
        var liteIndexes = await Rows(lite, "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'");
        var pgIndexes = await Rows(pg, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT ILIKE 'pk_%'");
        Assert.Contains("websites.api_secret", pgColumns);
        Assert.Contains("uq_monitor_configs_website_product", pgIndexes);
        Assert.Equal(string.Join('\n', liteColumns), string.Join('\n', pgColumns));
        Assert.Equal(string.Join('\n', liteIndexes), string.Join('\n', pgIndexes));
    }

    [SkippableFact]
    public async Task DbMigrate_Postgres_DatesAreTimestampsWithTimeZone()
    {
        using var postgres = new CliHarness(TestProvider.Postgres);

        Assert.Equal(0, (await postgres.RunAsync("db", "migrate")).ExitCode);

        Assert.Equal("timestamp with time zone", postgres.Database.Text("SELECT data_type::text FROM information_schema.columns WHERE table_name = 'stock_records' AND column_name = 'created_at'"));
        Assert.Equal("bigint", postgres.Database.Text("SELECT data_type::text FROM information_schema.columns WHERE table_name = 'stock_records' AND column_name = 'id'"));
    }

    [SkippableFact]
    public async Task DbMigrate_Postgres_TablesRewrittenEveryCycleLeaveHalfTheirPagesFree()
    {
        using var postgres = new CliHarness(TestProvider.Postgres);

        Assert.Equal(0, (await postgres.RunAsync("db", "migrate")).ExitCode);

        // Room on the page is what lets PostgreSQL update a monitor's row without touching its indexes (a HOT update).
        Assert.Equal("fillfactor=50", postgres.Database.Text("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'monitor_configs'"));
        Assert.Equal("fillfactor=50", postgres.Database.Text("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'website_leases'"));
        Assert.Equal(string.Empty, postgres.Database.Text("SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class WHERE relname = 'stock_records'"));
    }

    private static async Task<SortedSet<string>> Rows(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new SortedSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}

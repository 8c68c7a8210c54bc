using Xunit;

namespace StockBot.Testing;

/// <summary>The database engine a host or CLI test runs on (Database:Provider).</summary>
public enum TestProvider
{
    Sqlite,
    Postgres,
}

/// <summary>A database of a test's own on either engine: the settings that point StockBot at it, a probe, and its removal.</summary>
public sealed class TestDatabaseTarget : IDisposable
{
    private readonly string? postgres;

    private TestDatabaseTarget(TestProvider provider, string connectionString, string? databasePath, bool owned = true)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DatabasePath = databasePath;
        postgres = owned && provider == TestProvider.Postgres ? connectionString : null;
        Probe = new DatabaseProbe(provider, connectionString);
    }

    public TestProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file; null on PostgreSQL.</summary>
    public string? DatabasePath { get; }

    public DatabaseProbe Probe { get; }

    /// <summary>
    /// A database for <paramref name="provider"/>: a file in <paramref name="folder"/> for SQLite, a fresh database on the
    /// run's PostgreSQL server (the test is skipped when there is none).
    /// </summary>
    public static TestDatabaseTarget Create(TestProvider provider, TempFolder folder)
    {
        if (provider == TestProvider.Sqlite)
        {
            var path = folder.File("data", "stockbot.db");
            return new TestDatabaseTarget(provider, $"Data Source={path}", path);
        }

        Skip.If(PostgresServer.SkipReason is not null, PostgresServer.SkipReason);
        return new TestDatabaseTarget(provider, PostgresServer.Instance!.CreateDatabase(), null);
    }

    /// <summary>The same database for a second instance; the first one's target drops it.</summary>
    public TestDatabaseTarget Shared() => new(Provider, ConnectionString, DatabasePath, owned: false);

    /// <summary>Points StockBot's settings at this database (on PostgreSQL with the shared encryption key it requires).</summary>
    public void Apply(IDictionary<string, string?> settings)
    {
        settings["ConnectionStrings:StockBot"] = ConnectionString;
        if (Provider == TestProvider.Postgres)
        {
            settings["Database:Provider"] = "postgres";
            settings.TryAdd("Security:EncryptionKey", Convert.ToBase64String(TestDatabase.Key));
        }
    }

    public void Dispose()
    {
        if (postgres is not null)
        {
            PostgresServer.Instance?.DropDatabase(postgres);
        }
    }
}

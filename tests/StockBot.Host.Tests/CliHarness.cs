using StockBot.Testing;

namespace StockBot.Host.Tests;

/// <summary>Runs real `stockbot` commands in-process against a database file of its own.</summary>
public sealed class CliHarness : IDisposable
{
    private readonly TempFolder folder = new("stockbot-cli-");
    private readonly TestDatabaseTarget target;

    /// <param name="provider">The engine: a SQLite file of its own, or a fresh database on the run's PostgreSQL (skipped without one).</param>
    public CliHarness(TestProvider provider = TestProvider.Sqlite)
    {
        target = TestDatabaseTarget.Create(provider, folder);
        target.Apply(Settings);
        Runner = new CliRunner(Settings);
    }

    public string Directory => folder.Path;

    public TestProvider Provider => target.Provider;

    /// <summary>The SQLite file (a SQLite-only test's); on PostgreSQL there is none.</summary>
    public string DatabasePath => target.DatabasePath ?? throw new InvalidOperationException("A PostgreSQL database has no file.");

    public Dictionary<string, string?> Settings { get; } = new();

    public CliRunner Runner { get; }

    public DatabaseProbe Database => target.Probe;

    public Task<CliResult> RunAsync(params string[] args) => Runner.RunAsync(args);

    public string Scalar(string sql) => Database.Scalar(sql);

    public long Count(string table) => Database.Count(table);

    public void Dispose()
    {
        target.Dispose();
        folder.Dispose();
    }
}

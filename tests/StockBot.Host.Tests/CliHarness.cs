using StockBot.Testing;

namespace StockBot.Host.Tests;

/// <summary>Runs real `stockbot` commands in-process against a database file of its own.</summary>
public sealed class CliHarness : IDisposable
{
    private readonly TempFolder folder = new("stockbot-cli-");

    public CliHarness()
    {
        DatabasePath = folder.File("data", "stockbot.db");
        Settings["ConnectionStrings:StockBot"] = $"Data Source={DatabasePath}";
        Runner = new CliRunner(Settings);
        Database = new SqliteProbe(DatabasePath);
    }

    public string Directory => folder.Path;

    public string DatabasePath { get; }

    public Dictionary<string, string?> Settings { get; } = new();

    public CliRunner Runner { get; }

    public SqliteProbe Database { get; }

    public Task<CliResult> RunAsync(params string[] args) => Runner.RunAsync(args);

    public string Scalar(string sql) => Database.Scalar(sql);

    public long Count(string table) => Database.Count(table);

    public void Dispose() => folder.Dispose();
}

using System.Text.Json;
using Microsoft.Data.Sqlite;
using StockBot.Host.Cli;

namespace StockBot.Host.Tests;

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs real `stockbot` commands in-process against a database file of its own.</summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("stockbot-cli-").FullName;
        DatabasePath = Path.Combine(Directory, "data", "stockbot.db");
        Settings["ConnectionStrings:StockBot"] = $"Data Source={DatabasePath}";
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public Dictionary<string, string?> Settings { get; } = new();

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StockBotCli.RunAsync(args, new CliEnvironment(output, error, Settings, LoadDotEnv: false));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public string Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    public long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}

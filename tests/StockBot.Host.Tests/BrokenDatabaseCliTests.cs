using Microsoft.Data.Sqlite;
using StockBot.Testing;

namespace StockBot.Host.Tests;

/// <summary>A database file that is not SQLite, read-only, or in a folder StockBot may not write to: one line saying what to do, exit 1.</summary>
// Files are frozen with Unix modes or chattr (FrozenPaths).
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BrokenDatabaseCliTests : IDisposable
{
    private readonly CliHarness cli = new();
    private readonly FrozenPaths frozen = new();

    public void Dispose()
    {
        frozen.Dispose();
        cli.Dispose();
    }

    [Fact]
    public async Task Status_DatabaseIsNotSqlite_OneLineSayingRestoreABackupAndExit1()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(cli.DatabasePath)!);
        await File.WriteAllTextAsync(cli.DatabasePath, "these are somebody's notes, not a SQLite database; long enough to have a header\n");

        var result = await cli.RunAsync("status");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error: the database at {cli.DatabasePath} is not a SQLite database: restore a backup (`stockbot db restore FILE`) or point ConnectionStrings:StockBot elsewhere",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task WebsiteAdd_DatabaseFileReadOnly_OneLineSayingCheckThePermissionsAndExit1()
    {
        Assert.Equal(0, (await cli.RunAsync("db", "init")).ExitCode);
        FreezeDatabase();

        var result = await cli.RunAsync("website", "add", "--name", "Late", "--url", "https://billing.example.com", "--api-identifier", "id", "--api-secret", "secret-1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: the database at {cli.DatabasePath} is read-only: check the volume's permissions", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Status_FolderNotWritableAndNoDatabaseYet_OneLineSayingCheckTheFolderAndExit1()
    {
        var folder = Path.GetDirectoryName(cli.DatabasePath)!;
        Directory.CreateDirectory(folder);
        frozen.Freeze(folder);

        var result = await cli.RunAsync("status");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error: the database at {cli.DatabasePath} cannot be opened: check that its folder exists and StockBot may write to it (the volume's permissions)",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Health_DatabaseFileReadOnly_UnhealthyWithTheReason()
    {
        Assert.Equal(0, (await cli.RunAsync("db", "init")).ExitCode);
        FreezeDatabase();

        var result = await cli.RunAsync("health");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"unhealthy: the database at {cli.DatabasePath} is read-only: check the volume's permissions", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Run_DatabaseFileReadOnlyAtStart_StopsWithOneLineAndExit1()
    {
        Assert.Equal(0, (await cli.RunAsync("db", "init")).ExitCode);
        FreezeDatabase();

        await using var bot = StockBotProcess.Start(cli.Directory, new Dictionary<string, string> { ["ConnectionStrings__StockBot"] = $"Data Source={cli.DatabasePath}" });
        var exitCode = await bot.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"error: the database at {cli.DatabasePath} is read-only: check the volume's permissions",
            Assert.Single(bot.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("database", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(" ERR]", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Application started", bot.Output, StringComparison.Ordinal);
    }

    /// <summary>The database file read-only; connections the test process pooled while it was writable go first.</summary>
    private void FreezeDatabase()
    {
        SqliteConnection.ClearAllPools();
        frozen.Freeze(cli.DatabasePath);
    }
}

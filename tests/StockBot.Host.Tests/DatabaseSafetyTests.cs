using StockBot.Testing;

namespace StockBot.Host.Tests;

/// <summary>`db init --drop-existing`, `db backup` and `db restore` never lose data by surprise.</summary>
public sealed class DatabaseSafetyTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task DbInitDropExisting_NoTerminalAndNoYes_RefusesAndKeepsTheData()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var result = await cli.RunAsync("db", "init", "--drop-existing");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --yes: --drop-existing deletes " + cli.DatabasePath + " and everything in it; there is no terminal to ask on, so pass --yes to confirm", Assert.Single(result.ErrorLines));
        Assert.Equal(2, cli.Count("websites"));
    }

    [Fact]
    public async Task DbInitDropExisting_AtATerminalAnsweredNo_KeepsTheData_AnsweredYes_Drops()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var no = await cli.Runner.RunAtTerminalAsync("n\n", "db", "init", "--drop-existing");
        var websitesAfterNo = cli.Count("websites");
        var yes = await cli.Runner.RunAtTerminalAsync("y\n", "db", "init", "--drop-existing");

        Assert.Equal(2, no.ExitCode);
        Assert.Contains("[y/N]", no.Error, StringComparison.Ordinal);
        Assert.Contains("not confirmed; nothing was changed", no.Error, StringComparison.Ordinal);
        Assert.Equal(2, websitesAfterNo);
        Assert.Equal(0, yes.ExitCode);
        Assert.Equal(0, cli.Count("websites"));
    }

    [Fact]
    public async Task DbInitDropExisting_WithYes_DropsWithoutAsking()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var result = await cli.RunAsync("db", "init", "--drop-existing", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, cli.Count("websites"));
    }

    [Fact]
    public async Task DbBackup_IntoAMissingFolder_IsRefusedAndCreatesNothing()
    {
        await cli.RunAsync("db", "init");
        var missing = Path.Combine(cli.Directory, "no-such-folder", "deeper");

        var result = await cli.RunAsync("db", "backup", Path.Combine(missing, "b.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: file: the folder {missing} does not exist; create it first or choose another path", Assert.Single(result.ErrorLines));
        Assert.False(Directory.Exists(Path.Combine(cli.Directory, "no-such-folder")));
    }

    [Fact]
    public async Task DbRestore_ABackup_BringsItBackAndKeepsTheReplacedDatabase()
    {
        await cli.RunAsync("db", "init", "--sample-data");
        var backupFile = Path.Combine(cli.Directory, "before.db");
        Assert.Equal(0, (await cli.RunAsync("db", "backup", backupFile)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("website", "remove", "1", "--force")).ExitCode);
        Assert.Equal(1, cli.Count("websites"));

        var result = await cli.RunAsync("db", "restore", backupFile, "--yes", "--json");
        var copy = result.Json.GetProperty("previous_copy").GetString()!;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, cli.Count("websites"));
        Assert.Equal(2, result.Json.GetProperty("websites").GetInt64());
        Assert.True(File.Exists(copy), copy);
        Assert.Equal("1", new SqliteProbe(copy).Scalar("SELECT COUNT(*) FROM websites"));
        // The restored secrets open with the key: the website still reads its credentials.
        Assert.Equal(0, (await cli.RunAsync("website", "show", "1")).ExitCode);
    }

    [Fact]
    public async Task DbRestore_NotADatabase_IsRefusedAndChangesNothing()
    {
        await cli.RunAsync("db", "init", "--sample-data");
        var junk = Path.Combine(cli.Directory, "junk.db");
        await File.WriteAllTextAsync(junk, new string('x', 8192));

        var result = await cli.RunAsync("db", "restore", junk, "--yes");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: file: {junk} is not a SQLite database", Assert.Single(result.ErrorLines));
        Assert.Equal(2, cli.Count("websites"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(cli.DatabasePath)!, "*before-restore*"));
    }

    [Fact]
    public async Task DbRestore_ABackupWhoseSecretsNeedAnotherKey_IsRefusedBeforeAnythingIsReplaced()
    {
        await cli.RunAsync("db", "init", "--sample-data");
        var backupFile = Path.Combine(cli.Directory, "other-key.db");
        await cli.RunAsync("db", "backup", backupFile);
        await cli.RunAsync("website", "remove", "2", "--force");
        cli.Settings["Security:EncryptionKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

        var result = await cli.RunAsync("db", "restore", backupFile, "--yes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("do not open with this encryption key", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, cli.Count("websites"));
    }

    [Fact]
    public async Task DbRestore_AnSqliteFileThatIsNotStockBots_IsRefused()
    {
        await cli.RunAsync("db", "init");
        var other = Path.Combine(cli.Directory, "other.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)";
            command.ExecuteNonQuery();
        }

        var result = await cli.RunAsync("db", "restore", other, "--yes");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: file: {other} is not a StockBot database (it has no websites table)", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task DbRestore_NoTerminalAndNoYes_RefusesAfterTheChecks()
    {
        await cli.RunAsync("db", "init", "--sample-data");
        var backupFile = Path.Combine(cli.Directory, "b.db");
        await cli.RunAsync("db", "backup", backupFile);

        var result = await cli.RunAsync("db", "restore", backupFile);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --yes: db restore replaces ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}

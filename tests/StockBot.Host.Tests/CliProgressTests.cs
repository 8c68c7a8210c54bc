namespace StockBot.Host.Tests;

/// <summary>Long commands show progress to a person at a terminal, and nothing extra when piped or with --json.</summary>
public sealed class CliProgressTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Check_AtATerminal_SaysWhatItIsDoingOnStderr()
    {
        await cli.RunAsync("db", "init");

        var result = await cli.Runner.RunAtTerminalAsync(string.Empty, "check");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Checking the websites and delivering alerts", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("Checked 0 monitor(s)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAndBackup_Piped_OrJson_WriteNoProgress()
    {
        await cli.RunAsync("db", "init");

        var piped = await cli.RunAsync("check");
        var json = await cli.Runner.RunAtTerminalAsync(string.Empty, "check", "--json");
        var backup = await cli.RunAsync("db", "backup", Path.Combine(cli.Directory, "b.db"));

        Assert.DoesNotContain("Checking", piped.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Checking", json.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Backing up", backup.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', piped.Out + piped.Error + json.Out + backup.Out);
        Assert.Equal(0, json.Json.GetProperty("monitors_checked").GetInt32());
    }
}

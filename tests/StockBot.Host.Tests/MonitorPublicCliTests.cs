namespace StockBot.Host.Tests;

/// <summary>`monitor update ID --public true|false`: the flag that puts a monitor on the public stock page.</summary>
public sealed class MonitorPublicCliTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task MonitorList_NewMonitor_IsNotPublic()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var list = await cli.RunAsync("monitor", "list", "--json");

        Assert.Equal(0, list.ExitCode);
        Assert.All(list.Json.EnumerateArray(), m => Assert.False(m.GetProperty("public").GetBoolean()));
    }

    [Fact]
    public async Task MonitorUpdate_PublicTrueThenFalse_StoredAndListed()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var on = await cli.RunAsync("monitor", "update", "2", "--public", "true");
        var listed = await cli.RunAsync("monitor", "list", "--json");
        var table = await cli.RunAsync("monitor", "list");
        var stored = cli.Scalar("SELECT is_public FROM monitor_configs WHERE id = 2");
        var off = await cli.RunAsync("monitor", "update", "2", "--public", "false");
        var after = await cli.RunAsync("monitor", "list", "--json");

        Assert.Equal(0, on.ExitCode);
        Assert.Contains("public", on.Out, StringComparison.Ordinal);
        Assert.Equal([false, true, false], listed.Json.EnumerateArray().Select(m => m.GetProperty("public").GetBoolean()));
        Assert.Contains("PUBLIC", table.Out, StringComparison.Ordinal);
        Assert.Equal("1", stored);
        Assert.Equal(0, off.ExitCode);
        Assert.All(after.Json.EnumerateArray(), m => Assert.False(m.GetProperty("public").GetBoolean()));
    }

    [Fact]
    public async Task MonitorUpdate_PublicNotABoolean_OneLineNamingTheFlagExitTwo()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var result = await cli.RunAsync("monitor", "update", "1", "--public", "maybe");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("--public", line, StringComparison.Ordinal);
        Assert.Contains("true or false", line, StringComparison.Ordinal);
        Assert.Equal("0", cli.Scalar("SELECT count(*) FROM monitor_configs WHERE is_public = 1"));
    }
}

using StockBot.Testing;
using StockBot.Simulator;

namespace StockBot.Host.Tests;

/// <summary>A failed read says which website, what kind and what to do, in `check`, `check --json` and `status`.</summary>
public class CheckFailureTests : IDisposable
{
    private readonly CliHarness cli;


    public CheckFailureTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected CheckFailureTests(TestProvider provider) => cli = new CliHarness(provider);
    public void Dispose()
    {
        cli.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task Check_WebsiteThatRefusesConnections_PrintsALineNamingItAndJsonListsTheFailure()
    {
        cli.Settings["Monitoring:RequestTimeout"] = "00:00:02";
        await cli.RunAsync("website", "add", "--name", "Dead", "--url", "http://127.0.0.1:9/", "--api-identifier", "id", "--api-secret", "secret-4410");
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "5", "--no-verify");

        var text = await cli.RunAsync("check");
        var json = await cli.RunAsync("check", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("  failed: Dead (website 1): Connection: Could not reach WHMCS at 127.0.0.1:9", text.Out, StringComparison.Ordinal);
        var failure = Assert.Single(json.Json.GetProperty("failures").EnumerateArray());
        Assert.Equal(1, failure.GetProperty("website_id").GetInt32());
        Assert.Equal("Connection", failure.GetProperty("kind").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, failure.GetProperty("monitor_id").ValueKind);
    }

    [SkippableFact]
    public async Task CheckThenStatus_ProductTheSiteDoesNotGive_NamesTheMonitorAndStatusSaysWhy()
    {
        await using var simulator = await WhmcsSimulator.StartAsync();
        var store = simulator.AddStore("fail-id", "fail-secret-7781");
        store.AddProduct(101, "VPS Small", 5);
        cli.Settings["Monitoring:ErrorAfterFailures"] = "1";
        await cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "101");
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "999", "--no-verify");

        var check = await cli.RunAsync("check");
        var status = await cli.RunAsync("status");

        Assert.Contains("  failed: Sim (website 1), monitor 2: ", check.Out, StringComparison.Ordinal);
        Assert.Contains("Product 999 was not found on Sim", check.Out, StringComparison.Ordinal);
        Assert.Contains("Monitor 2 (Product 999 @ Sim) is in error: Product 999 was not found on Sim", status.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Monitor 1 ", status.Out, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Status_AfterOneFailedRead_ShowsTheMonitorAsFailingWithTheReasonNotJustActive()
    {
        cli.Settings["Monitoring:RequestTimeout"] = "00:00:02";
        await cli.RunAsync("website", "add", "--name", "Dead", "--url", "http://127.0.0.1:9/", "--api-identifier", "id", "--api-secret", "secret-4410");
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "5", "--no-verify");
        await cli.RunAsync("check");

        var status = await cli.RunAsync("status");

        var row = Assert.Single(status.Out.Split('\n'), l => l.StartsWith("1 ", StringComparison.Ordinal));
        Assert.Contains("failing", row, StringComparison.Ordinal);
        Assert.Contains("Monitor 1 (Product 5 @ Dead) failed its last read", status.Out, StringComparison.Ordinal);
        Assert.Contains("Could not reach WHMCS at 127.0.0.1:9", status.Out, StringComparison.Ordinal);
    }
}

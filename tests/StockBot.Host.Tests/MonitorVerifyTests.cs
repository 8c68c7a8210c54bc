using StockBot.Testing;
using StockBot.Simulator;

namespace StockBot.Host.Tests;

/// <summary>`monitor add` asks the website about the pid first; `monitor update` takes the same flags as add.</summary>
public class MonitorVerifyTests : IDisposable
{
    private readonly CliHarness cli;


    public MonitorVerifyTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected MonitorVerifyTests(TestProvider provider) => cli = new CliHarness(provider);
    public void Dispose()
    {
        cli.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task MonitorAdd_PidTheSiteDoesNotList_IsRefusedNamingTheListedPids()
    {
        await using var simulator = await WhmcsSimulator.StartAsync();
        var store = simulator.AddStore("verify-id", "verify-secret-2281");
        store.AddProduct(101, "VPS Small", 5);
        store.AddProduct(102, "VPS Large", 0);
        await AddWebsiteAsync(store.WebsiteUrl.ToString(), store.Identifier, store.Secret);

        var result = await cli.RunAsync("monitor", "add", "--website", "1", "--product", "999999");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "error: --product: Sim lists no product 999999 (it has 2: 101, 102); `website products 1` shows them, or skip this check with --no-verify",
            Assert.Single(result.ErrorLines));
        Assert.Equal(0, cli.Count("monitor_configs"));
    }

    [SkippableFact]
    public async Task MonitorAdd_ListedPid_IsAddedWithoutAWarning()
    {
        await using var simulator = await WhmcsSimulator.StartAsync();
        var store = simulator.AddStore("verify-id", "verify-secret-2281");
        store.AddProduct(101, "VPS Small", 5);
        await AddWebsiteAsync(store.WebsiteUrl.ToString(), store.Identifier, store.Secret);

        var result = await cli.RunAsync("monitor", "add", "--website", "1", "--product", "101");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Equal(1, cli.Count("monitor_configs"));
    }

    [SkippableFact]
    public async Task MonitorAdd_NoVerify_AddsAPidTheSiteDoesNotList()
    {
        await using var simulator = await WhmcsSimulator.StartAsync();
        var store = simulator.AddStore("verify-id", "verify-secret-2281");
        store.AddProduct(101, "VPS Small", 5);
        await AddWebsiteAsync(store.WebsiteUrl.ToString(), store.Identifier, store.Secret);

        var result = await cli.RunAsync("monitor", "add", "--website", "1", "--product", "777", "--no-verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, cli.Count("monitor_configs"));
        Assert.Equal(0, simulator.TotalRequests);
    }

    [SkippableFact]
    public async Task MonitorAdd_SiteThatCannotBeReadNow_IsAddedWithAWarningSayingWhy()
    {
        await AddWebsiteAsync("http://127.0.0.1:9/", "id", "secret-9911");

        var result = await cli.RunAsync("monitor", "add", "--website", "1", "--product", "5");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("warning: Could not check that Sim lists product 5: Could not reach WHMCS at 127.0.0.1", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, cli.Count("monitor_configs"));
    }

    [SkippableFact]
    public async Task MonitorUpdate_TakesTheSameNoFlagsAsAdd()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var result = await cli.RunAsync("monitor", "update", "1", "--no-restock", "--no-threshold", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.False(result.Json.GetProperty("notify_on_restock").GetBoolean());
        Assert.False(result.Json.GetProperty("notify_on_threshold").GetBoolean());
        Assert.True(result.Json.GetProperty("notify_on_purchase").GetBoolean());
    }

    private async Task AddWebsiteAsync(string url, string identifier, string secret)
    {
        var added = await cli.RunAsync("website", "add", "--name", "Sim", "--url", url, "--api-identifier", identifier, "--api-secret", secret);
        Assert.Equal(0, added.ExitCode);
    }
}

using StockBot.Testing;
using StockBot.Simulator;

namespace StockBot.Host.Tests;

public class CheckCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli;
    private WhmcsSimulator simulator = null!;
    private SimulatedStore store = null!;


    public CheckCommandTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected CheckCommandTests(TestProvider provider) => cli = new CliHarness(provider);
    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        store = simulator.AddStore("cli-identifier", "cli-secret-7781");
        store.AddProduct(101, "VPS Small 2GB", 6);
        store.AddProduct(102, "VPS Large 8GB", 2);
        store.AddProduct(103, "Unlisted", 0);
        cli.Settings["Monitoring:RequestTimeout"] = "00:00:02";
        var added = await cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret, "--region", "US-East");
        Assert.Equal(0, added.ExitCode);
    }

    public async Task DisposeAsync()
    {
        await simulator.DisposeAsync();
        cli.Dispose();
    }

    [SkippableFact]
    public async Task CheckJson_AfterStockChanges_RecordsExactlyTheChangesAndPrintsTheAlert()
    {
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "101", "--low", "5");
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "102");
        await cli.RunAsync("subscription", "add", "--platform", "console", "--channel", "ops");

        var first = await cli.RunAsync("check", "--json");
        store.SetStock(101, 3);
        var second = await cli.RunAsync("check", "--json");
        var third = await cli.RunAsync("check");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal((2, 1, 0, 2, 0), (Int(first, "monitors_checked"), Int(first, "websites_checked"), Int(first, "changes"), Int(first, "events"), Int(first, "errors")));
        Assert.True(first.Json.TryGetProperty("duration_ms", out _));
        Assert.Equal((1, 2, 0), (Int(second, "changes"), Int(second, "events"), Int(second, "errors")));
        Assert.Equal(3, cli.Count("stock_records"));
        Assert.Equal(4, cli.Count("monitor_histories"));
        // One change, one message: the sale that crossed the low mark (a single sale alone is not a default kind).
        Assert.Equal(1, cli.Count("alert_deliveries WHERE status = 'sent'"));
        Assert.Contains("Checked 2 monitor(s) on 1 website(s)", third.Out, StringComparison.Ordinal);
        Assert.Equal(0, cli.Count("alert_deliveries WHERE status = 'pending'"));
    }

    [SkippableFact]
    public async Task Check_ConsoleSubscription_PrintsAlertWithBuyLink()
    {
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "102");
        await cli.RunAsync("subscription", "add", "--platform", "console", "--channel", "ops");
        await cli.RunAsync("check");
        store.SetStock(102, 9);

        var result = await cli.RunAsync("check");

        Assert.Contains("More stock: VPS Large 8GB @ Sim (US-East): 2 → 9 (+7)", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Buy: {store.WebsiteUrl.ToString().TrimEnd('/')}/cart.php?a=add&pid=102", result.Out, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Check_SiteFails_StillExitsZeroAndCountsErrors()
    {
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "101");
        store.Fault = SimulatedFault.ServerError;

        var result = await cli.RunAsync("check", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, Int(result, "errors"));
        Assert.Equal(0, cli.Count("stock_records"));
    }

    [SkippableFact]
    public async Task WebsiteTest_HealthySite_ExitsZero_AndFailingSiteExitsOneWithWhmcsMessage()
    {
        var ok = await cli.RunAsync("website", "test", "1");
        store.Fault = SimulatedFault.InvalidIp;
        var refused = await cli.RunAsync("website", "test", "1");

        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("3 product(s)", ok.Out, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Invalid IP", refused.Error, StringComparison.Ordinal);
        Assert.Contains("allow-list", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(store.Secret, refused.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task WebsiteProducts_ListsPidsNamesAndStock()
    {
        await cli.RunAsync("monitor", "add", "--website", "1", "--product", "101");

        var text = await cli.RunAsync("website", "products", "1");
        var json = await cli.RunAsync("website", "products", "1", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("VPS Small 2GB", text.Out, StringComparison.Ordinal);
        Assert.Contains("out of stock", text.Out, StringComparison.Ordinal);
        Assert.Equal(3, json.Json.GetArrayLength());
        Assert.Equal(1, json.Json[0].GetProperty("monitor_id").GetInt32());
        Assert.Equal(6, json.Json[0].GetProperty("quantity").GetInt32());
    }

    private static int Int(CliResult result, string key) => result.Json.GetProperty(key).GetInt32();
}

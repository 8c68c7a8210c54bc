using StockBot.Testing;
using StockBot.Simulator;
using StockBot.Simulator.Storefront;

namespace StockBot.Host.Tests;

/// <summary>`stockbot` end to end on a storefront-mode website: no credentials, the simulator's order pages.</summary>
public class StorefrontCheckTests : IAsyncLifetime
{
    private readonly CliHarness cli;
    private WhmcsSimulator simulator = null!;


    public StorefrontCheckTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected StorefrontCheckTests(TestProvider provider) => cli = new CliHarness(provider);
    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        cli.Settings["Monitoring:RequestTimeout"] = "00:00:02";
        cli.Settings["Storefront:MinRequestGap"] = "00:00:00";
    }

    public async Task DisposeAsync()
    {
        await simulator.DisposeAsync();
        cli.Dispose();
    }

    public static TheoryData<StorefrontTemplate> Families() => [.. Enum.GetValues<StorefrontTemplate>()];

    [SkippableTheory]
    [MemberData(nameof(Families))]
    public async Task CheckAndStatusJson_EachTemplateFamily_InOutAndCountThenAConsoleAlert(StorefrontTemplate template)
    {
        var store = await OpenAsync(template);

        var first = await cli.RunAsync("check", "--json");
        var status = await cli.RunAsync("status", "--json");
        store.SetStock(102, 4);
        var second = await cli.RunAsync("check");

        Assert.Equal((0, 3, 0), (first.ExitCode, first.Json.GetProperty("monitors_checked").GetInt32(), first.Json.GetProperty("errors").GetInt32()));
        var rows = status.Json.EnumerateArray().ToDictionary(r => r.GetProperty("product_id").GetInt32());
        var counted = template is StorefrontTemplate.StandardCart or StorefrontTemplate.Lagom or StorefrontTemplate.LagomRestockNotifier;
        Assert.True(rows[101].GetProperty("available").GetBoolean());
        Assert.Equal(counted ? "5" : "null", rows[101].GetProperty("current_quantity").ToString() is { Length: > 0 } q ? q : "null");
        Assert.False(rows[102].GetProperty("available").GetBoolean());
        Assert.Equal(0, rows[102].GetProperty("current_quantity").GetInt32());
        Assert.True(rows[103].GetProperty("available").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rows[103].GetProperty("current_quantity").ValueKind);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Back in stock: Pro", second.Out, StringComparison.Ordinal);
        Assert.Contains("cart.php?a=add&pid=102", second.Out, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(StorefrontFault.CloudflareChallenge)]
    [InlineData(StorefrontFault.LoginRedirect)]
    [InlineData(StorefrontFault.Maintenance)]
    [InlineData(StorefrontFault.RateLimited)]
    [InlineData(StorefrontFault.ServerError)]
    [InlineData(StorefrontFault.RedirectElsewhere)]
    public async Task CheckJson_UnknownPage_CountsErrorsAndAlertsNothing(StorefrontFault fault)
    {
        var store = await OpenAsync(StorefrontTemplate.StandardCart);
        await cli.RunAsync("check");
        store.Storefront.Fault = fault;
        store.Storefront.RetryAfter = TimeSpan.Zero;
        store.SetStock(102, 4);

        var check = await cli.RunAsync("check", "--json");

        Assert.Equal(0, check.ExitCode);
        Assert.Equal((0, 0, 3), (check.Json.GetProperty("changes").GetInt32(), check.Json.GetProperty("events").GetInt32(), check.Json.GetProperty("errors").GetInt32()));
        Assert.Equal(3, cli.Count("stock_records"));
        Assert.Equal(0, cli.Count("alert_deliveries"));
    }

    [SkippableFact]
    public async Task CheckJson_ProductGoneAndOrderLinkWithoutMarker_ErrorsForThoseOnlyAndAlertsNothing()
    {
        var store = await OpenAsync(StorefrontTemplate.CloudSlider);
        await cli.RunAsync("check");
        store.RemoveProduct(101);
        store.Storefront.Fault = StorefrontFault.BlankOrderPage;
        store.SetStock(102, 4);

        var check = await cli.RunAsync("check", "--json");

        // cloud_slider's listing tells nothing: 102 and 103 go through a=add, which now answers a page without a marker.
        Assert.Equal(0, check.ExitCode);
        Assert.Equal((0, 0, 3), (check.Json.GetProperty("changes").GetInt32(), check.Json.GetProperty("events").GetInt32(), check.Json.GetProperty("errors").GetInt32()));
        Assert.Equal(3, cli.Count("stock_records"));
        Assert.Equal(0, cli.Count("alert_deliveries"));
    }

    [SkippableFact]
    public async Task WebsiteProductsJson_Storefront_ListsTheCatalogue()
    {
        await OpenAsync(StorefrontTemplate.StandardCart);

        var products = await cli.RunAsync("website", "products", "1", "--json");
        var test = await cli.RunAsync("website", "test", "1");

        Assert.Equal((0, 0), (products.ExitCode, test.ExitCode));
        var first = products.Json[0];
        foreach (var key in new[] { "product_id", "name", "group", "available", "quantity", "price" })
        {
            Assert.True(first.TryGetProperty(key, out _), key);
        }

        Assert.Equal([101, 102, 103], products.Json.EnumerateArray().Select(p => p.GetProperty("product_id").GetInt32()).Order());
        Assert.StartsWith("OK: Deals", test.Out, StringComparison.Ordinal);
    }

    private async Task<SimulatedStore> OpenAsync(StorefrontTemplate template)
    {
        var store = simulator.AddStore("unused", "unused");
        store.Storefront.Template = template;
        store.Storefront.NameGroup(1, "Shared Hosting");
        store.AddProduct(101, "Starter", 5);
        store.AddProduct(102, "Pro", 0);
        store.AddProduct(103, "Unlimited", null);
        Assert.Equal(0, (await cli.RunAsync("website", "add", "--name", "Deals", "--url", store.WebsiteUrl + "/cart.php", "--mode", "storefront")).ExitCode);
        foreach (var pid in new[] { "101", "102", "103" })
        {
            Assert.Equal(0, (await cli.RunAsync("monitor", "add", "--website", "1", "--product", pid)).ExitCode);
        }

        Assert.Equal(0, (await cli.RunAsync("subscription", "add", "--platform", "console", "--channel", "ops")).ExitCode);
        return store;
    }
}

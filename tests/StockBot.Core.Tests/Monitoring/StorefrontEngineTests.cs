using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Websites;
using StockBot.Core.Tests.Support;
using StockBot.Data.Entities;
using StockBot.Simulator;
using StockBot.Simulator.Storefront;

namespace StockBot.Core.Tests.Monitoring;

/// <summary>The real engine reading storefront-mode websites from the simulator's order pages.</summary>
public sealed class StorefrontEngineTests : IAsyncLifetime
{
    private const int Counted = 101;
    private const int SoldOut = 102;
    private const int Unlimited = 103;
    private const int OtherGroup = 104;
    private const int Hidden = 105;

    private EngineHarness engine = null!;

    public async Task InitializeAsync() => engine = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await engine.DisposeAsync();

    public static TheoryData<StorefrontTemplate> Families() => [.. Enum.GetValues<StorefrontTemplate>()];

    private static bool ShowsCount(StorefrontTemplate template) =>
        template is StorefrontTemplate.StandardCart or StorefrontTemplate.Lagom or StorefrontTemplate.LagomRestockNotifier;

    [Theory]
    [MemberData(nameof(Families))]
    public async Task RunCycleAsync_EachTemplateFamily_RecordsInOutAndTheCountWhereShown(StorefrontTemplate template)
    {
        var (store, monitors) = await OpenAsync(template);

        var result = await engine.RunCycleAsync();

        Assert.Equal((5, 1, 0), (result.MonitorsChecked, result.WebsitesChecked, result.Errors));
        var count = ShowsCount(template);
        Assert.Equal(count ? (5, true, true) : (0, false, true), await engine.LastRecordAsync(monitors[Counted]));
        Assert.Equal((0, true, false), await engine.LastRecordAsync(monitors[SoldOut]));
        Assert.Equal((0, false, true), await engine.LastRecordAsync(monitors[Unlimited]));
        Assert.Equal(count ? (3, true, true) : (0, false, true), await engine.LastRecordAsync(monitors[OtherGroup]));
        // No listing shows it: its order link says in stock, never how many.
        Assert.Equal((0, false, true), await engine.LastRecordAsync(monitors[Hidden]));
        // Listings once per group; the order link only for what no listing decides (never per product where listings show it).
        var probes = store.Storefront.Requests.Count(r => r.Query.Contains("a=add", StringComparison.Ordinal));
        // standard_cart shows no count at 0 nor without stock control (and keeps its Order button): those two are asked.
        var expectedProbes = template switch
        {
            StorefrontTemplate.CloudSlider or StorefrontTemplate.LegacyBoxes => 5,
            StorefrontTemplate.StandardCart => 3,
            _ => 1,
        };
        Assert.Equal(expectedProbes, probes);
        Assert.All(store.Storefront.Requests, r => Assert.True(r.InEnglish, r.Query));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task RunCycleAsync_EachTemplateFamily_OutToInIsARestockAndInToOutASale(StorefrontTemplate template)
    {
        var (store, monitors) = await OpenAsync(template);
        await engine.SubscribeAsync("all");
        await engine.RunCycleAsync();
        store.SetStock(SoldOut, 4);
        store.SetStock(Counted, 0);

        var result = await engine.RunCycleAsync();

        Assert.Equal((2, 0), (result.Changes, result.Errors));
        Assert.Equal([MonitorEventType.StockInitialized, MonitorEventType.StockIncreased], await engine.EventTypesAsync(monitors[SoldOut]));
        Assert.Equal([MonitorEventType.StockInitialized, MonitorEventType.StockDecreased], await engine.EventTypesAsync(monitors[Counted]));
        Assert.Equal([MonitorEventType.StockInitialized], await engine.EventTypesAsync(monitors[Unlimited]));
        Assert.Equal(ShowsCount(template) ? (4, true, true) : (0, false, true), await engine.LastRecordAsync(monitors[SoldOut]));
        var alerted = await engine.QueryAsync(db => db.AlertDeliveries.Select(d => d.MonitorHistory!.MonitorConfigId!.Value).OrderBy(id => id).ToListAsync());
        Assert.Equal(new[] { monitors[Counted], monitors[SoldOut] }.Order(), alerted);
    }

    [Theory]
    [InlineData(StorefrontFault.CloudflareChallenge, "Cloudflare")]
    [InlineData(StorefrontFault.LoginRedirect, "log")]
    [InlineData(StorefrontFault.Maintenance, "maintenance")]
    [InlineData(StorefrontFault.ServerError, "500")]
    [InlineData(StorefrontFault.RateLimited, "429")]
    [InlineData(StorefrontFault.RedirectElsewhere, "elsewhere.example")]
    [InlineData(StorefrontFault.BlankOrderPage, "105")]
    public async Task RunCycleAsync_UnknownPage_NoRecordNoEventAndErrorAfterThree(StorefrontFault fault, string reason)
    {
        var (store, monitors) = await OpenAsync(StorefrontTemplate.StandardCart);
        await engine.SubscribeAsync("all", events: "restock,purchase,threshold,error");
        await engine.RunCycleAsync();
        var records = await engine.CountAsync<StockRecord>();
        store.Storefront.Fault = fault;
        store.Storefront.RetryAfter = TimeSpan.Zero;
        if (fault != StorefrontFault.BlankOrderPage)
        {
            // A real change behind the fault must not show either.
            store.SetStock(SoldOut, 7);
        }

        for (var i = 0; i < 3; i++)
        {
            await engine.RunCycleAsync();
        }

        Assert.Equal(records, await engine.CountAsync<StockRecord>());
        var hidden = await engine.QueryAsync(db => db.MonitorConfigs.SingleAsync(m => m.Id == monitors[Hidden]));
        Assert.Equal(MonitorStatus.Error, hidden.Status);
        Assert.Contains(reason, hidden.LastError, StringComparison.OrdinalIgnoreCase);
        var stockEvents = await engine.QueryAsync(db => db.MonitorHistories.CountAsync(h =>
            h.EventType != MonitorEventType.StockInitialized && h.EventType != MonitorEventType.MonitorError));
        Assert.Equal(0, stockEvents);
        if (fault != StorefrontFault.BlankOrderPage)
        {
            // Every monitor of the website failed; the listings decided the others when only the order link was blank.
            Assert.Equal(5, await engine.QueryAsync(db => db.MonitorConfigs.CountAsync(m => m.Status == MonitorStatus.Error)));
        }
    }

    [Theory]
    [InlineData(StorefrontTemplate.StandardCart)]
    [InlineData(StorefrontTemplate.PremiumComparison)]
    [InlineData(StorefrontTemplate.CloudSlider)]
    public async Task ProbeAsync_StorefrontWebsite_ListsProductsWithGroupAvailabilityCountAndPrice(StorefrontTemplate template)
    {
        var (_, monitors) = await OpenAsync(template);
        await using var scope = engine.Services.CreateAsyncScope();

        var probe = await scope.ServiceProvider.GetRequiredService<WebsiteProbe>().ProbeAsync(1, CancellationToken.None);

        Assert.True(probe.Success, probe.Message);
        Assert.Equal("storefront", probe.Mode);
        Assert.Equal([Counted, SoldOut, Unlimited, OtherGroup, Hidden], probe.Products.Select(p => p.ProductId).Order());
        var counted = probe.Products.Single(p => p.ProductId == Counted);
        Assert.Equal(("Starter", "Shared Hosting", true, monitors[Counted]), (counted.Name, counted.Group, counted.Available, counted.MonitorId));
        Assert.Equal(template == StorefrontTemplate.StandardCart ? 5 : null, counted.Quantity);
        Assert.NotNull(counted.Price);
        Assert.Equal(false, probe.Products.Single(p => p.ProductId == SoldOut).Available);
        Assert.Equal((true, (int?)null), probe.Products.Where(p => p.ProductId == Unlimited).Select(p => (p.Available, p.Quantity)).Single());
    }

    [Fact]
    public async Task ProbeAsync_StorefrontBehindAChallenge_FailsWithTheReadersMessage()
    {
        var (store, _) = await OpenAsync(StorefrontTemplate.StandardCart);
        store.Storefront.Fault = StorefrontFault.CloudflareChallenge;
        await using var scope = engine.Services.CreateAsyncScope();

        var probe = await scope.ServiceProvider.GetRequiredService<WebsiteProbe>().ProbeAsync(1, CancellationToken.None);

        Assert.False(probe.Success);
        Assert.Empty(probe.Products);
        Assert.Contains("Cloudflare", probe.Message, StringComparison.Ordinal);
    }

    private async Task<(SimulatedStore Store, Dictionary<int, int> Monitors)> OpenAsync(StorefrontTemplate template)
    {
        var store = engine.Simulator.AddStore("unused", "unused");
        store.Storefront.Template = template;
        store.Storefront.NameGroup(1, "Shared Hosting");
        store.Storefront.NameGroup(2, "VPS");
        store.AddProduct(Counted, "Starter", 5, gid: 1);
        store.AddProduct(SoldOut, "Pro", 0, gid: 1);
        store.AddProduct(Unlimited, "VPS Small", null, gid: 2);
        store.AddProduct(OtherGroup, "VPS Large", 3, gid: 2);
        store.AddProduct(Hidden, "Secret Deal", 2, gid: 2);
        store.Storefront.HideFromListings(Hidden);
        var site = await engine.AddStorefrontWebsiteAsync(store, "Deals");
        var monitors = new Dictionary<int, int>();
        foreach (var pid in new[] { Counted, SoldOut, Unlimited, OtherGroup, Hidden })
        {
            monitors[pid] = await engine.AddMonitorAsync(site, pid);
        }

        return (store, monitors);
    }
}

using Microsoft.EntityFrameworkCore;
using StockBot.Core.Alerts;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Tests.Support;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Monitoring;

/// <summary>`product_new`: a product id a website lists for the first time, in both modes.</summary>
public sealed class NewProductTests : IAsyncLifetime
{
    private EngineHarness engine = null!;

    public async Task InitializeAsync() => engine = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task RunCycleAsync_ApiFirstListing_RecordsTheCatalogueAndAlertsNothing()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "Watched", 5);
        store.AddProduct(2, "Other", 3, gid: 2);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        await engine.AddMonitorAsync(site, 1);
        await engine.SubscribeAsync("news", events: "new");

        await engine.RunCycleAsync();

        Assert.Equal(1, store.RequestCount);
        Assert.Null(store.LastRequestedPids);
        var catalogue = await engine.QueryAsync(db => db.WebsiteProducts.OrderBy(p => p.ProductId).Select(p => new { p.ProductId, p.Name, p.Quantity }).ToListAsync());
        Assert.Equal([(1, "Watched", (int?)5), (2, "Other", 3)], catalogue.Select(p => (p.ProductId, p.Name, p.Quantity)));
        Assert.Equal(0, await engine.QueryAsync(db => db.MonitorHistories.CountAsync(h => h.EventType == MonitorEventType.ProductNew)));
        Assert.Equal(0, await engine.CountAsync<AlertDelivery>());
    }

    [Fact]
    public async Task RunCycleAsync_ApiProductListedLater_OneNewAlertAfterTheDiscoveryInterval()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "Watched", 5);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        var monitor = await engine.AddMonitorAsync(site, 1);
        await engine.SubscribeAsync("news", events: "new");
        await engine.SubscribeAsync("website-news", websiteId: site, events: "restock,new");
        await engine.SubscribeAsync("restocks", events: "restock");
        await engine.SubscribeAsync("monitor-news", monitorId: monitor, events: "new");
        await engine.RunCycleAsync();
        store.AddProduct(9, "Black Friday VPS", 20);

        // Within the interval only the monitored products are asked for.
        await engine.RunCycleAsync();
        Assert.Equal([1], store.LastRequestedPids!);
        engine.Clock.Advance(TimeSpan.FromHours(1));
        await engine.RunCycleAsync();
        await engine.RunCycleAsync();

        var events = await engine.QueryAsync(db => db.MonitorHistories.Where(h => h.EventType == MonitorEventType.ProductNew).ToListAsync());
        var e = Assert.Single(events);
        Assert.Null(e.MonitorConfigId);
        var channels = await engine.QueryAsync(db => db.AlertDeliveries.OrderBy(d => d.Id).Select(d => d.Subscription!.ChannelId).ToListAsync());
        Assert.Equal(["news", "website-news"], channels);
        var due = await engine.QueryAsync(db => new AlertOutbox(db).NextDueAsync(0, DateTime.MaxValue, 10, CancellationToken.None));
        var alert = due[0].Alert;
        Assert.Equal((AlertKind.NewProduct, "Black Friday VPS", 9, "Shop"), (alert.Kind, alert.Product, alert.ProductId, alert.Website));
        Assert.EndsWith("cart.php?a=add&pid=9", alert.BuyLink, StringComparison.Ordinal);
        Assert.Contains("New product: Black Friday VPS", AlertText.PlainText(alert), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunCycleAsync_StorefrontListingShowsANewProduct_AlertsItsNameAndPriceWithoutExtraRequests()
    {
        var store = engine.Simulator.AddStore("unused", "unused");
        store.Storefront.NameGroup(1, "VPS");
        store.AddProduct(1, "Watched", 5);
        var site = await engine.AddStorefrontWebsiteAsync(store, "Deals");
        await engine.AddMonitorAsync(site, 1);
        await engine.SubscribeAsync("news", events: "new");
        await engine.RunCycleAsync();
        var firstCycle = store.Storefront.RequestCount;
        store.Storefront.ClearRequests();
        store.AddProduct(7, "Launch Special", 2);

        await engine.RunCycleAsync();

        Assert.Equal(firstCycle, store.Storefront.RequestCount);
        var due = await engine.QueryAsync(db => new AlertOutbox(db).NextDueAsync(0, DateTime.MaxValue, 10, CancellationToken.None));
        var alert = Assert.Single(due).Alert;
        Assert.Equal((AlertKind.NewProduct, "Launch Special", 7), (alert.Kind, alert.Product, alert.ProductId));
        Assert.Contains("VPS", alert.Detail, StringComparison.Ordinal);
        Assert.Contains("$", alert.Detail, StringComparison.Ordinal);
        Assert.Equal("Launch Special", await engine.QueryAsync(db => db.WebsiteProducts.Where(p => p.ProductId == 7).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task RemoveAsync_WebsiteWithCatalogueAndNewProductAlerts_RemovesThemWithIt()
    {
        var store = engine.Simulator.AddStore("unused", "unused");
        store.AddProduct(1, "Watched", 5);
        var site = await engine.AddStorefrontWebsiteAsync(store, "Deals");
        await engine.AddMonitorAsync(site, 1);
        await engine.SubscribeAsync("news", events: "new");
        await engine.RunCycleAsync();
        store.AddProduct(7, "Launch Special", 2);
        await engine.RunCycleAsync();

        await engine.QueryAsync(db => new StockBot.Core.Websites.WebsiteService(db, null!, engine.Clock).RemoveAsync(site, force: true, CancellationToken.None));

        Assert.Equal((0, 0, 0), (await engine.CountAsync<WebsiteProduct>(), await engine.CountAsync<MonitorHistory>(), await engine.CountAsync<AlertDelivery>()));
    }
}

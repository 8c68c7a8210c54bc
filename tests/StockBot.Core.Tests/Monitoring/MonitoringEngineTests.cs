using Microsoft.EntityFrameworkCore;
using StockBot.Core.Alerts;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Monitors;
using StockBot.Core.Tests.Support;
using StockBot.Core.Websites;
using StockBot.Data.Entities;
using StockBot.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Core.Tests.Monitoring;

public sealed class MonitoringEngineTests : IAsyncLifetime
{
    private EngineHarness engine = null!;

    public async Task InitializeAsync() => engine = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task RunCycleAsync_TwoWebsites_ReadsEachWithOneRequestForAllItsProducts()
    {
        var east = engine.Simulator.AddStore("id-east", "secret-east");
        var north = engine.Simulator.AddStore("id-north", "secret-north");
        foreach (var pid in new[] { 1, 2, 3 })
        {
            east.AddProduct(pid, $"East {pid}", 10);
        }

        north.AddProduct(7, "North 7", 5);
        var eastId = await engine.AddWebsiteAsync(east, "East");
        var northId = await engine.AddWebsiteAsync(north, "North");
        foreach (var pid in new[] { 1, 2, 3 })
        {
            await engine.AddMonitorAsync(eastId, pid);
        }

        await engine.AddMonitorAsync(northId, 7);

        var result = await engine.RunCycleAsync();

        Assert.Equal((4, 2, 0, 4, 0), (result.MonitorsChecked, result.WebsitesChecked, result.Changes, result.Events, result.Errors));
        Assert.Equal(1, east.RequestCount);
        Assert.Equal(1, north.RequestCount);
        // The first read of a website asks for its whole catalogue (new-product discovery), still in one request.
        Assert.Null(east.LastRequestedPids);
        Assert.Equal(4, await engine.CountAsync<StockRecord>());
        await engine.RunCycleAsync();
        Assert.Equal((2, 2), (east.RequestCount, north.RequestCount));
        Assert.Equal([1, 2, 3], east.LastRequestedPids!.Order());
    }

    [Fact]
    public async Task RunCycleAsync_MoreWebsitesThanMaxConcurrent_ReadsAtMostThatManyAtOnce()
    {
        // The cycle lets websites wait for a write turn outside the read bound: the bound on reads stays the setting's.
        await using var bounded = await EngineHarness.StartAsync(new() { ["Monitoring:MaxConcurrentWebsites"] = "2", ["Monitoring:RequestTimeout"] = "00:00:30" });
        var holds = new List<AnswerHold>();
        for (var i = 0; i < 5; i++)
        {
            var store = bounded.Simulator.AddStore($"id-{i}", $"secret-{i}");
            store.AddProduct(1, $"VPS {i}", 5);
            await bounded.AddMonitorAsync(await bounded.AddWebsiteAsync(store, $"Shop {i}"), 1);
            holds.Add(store.HoldNextAnswer());
        }

        var cycle = bounded.RunCycleAsync();
        while (holds.Count(h => h.Arrived.IsCompleted) < 2)
        {
            await Task.WhenAny(holds.Where(h => !h.Arrived.IsCompleted).Select(h => h.Arrived));
        }

        // Two reads are held open: a third request may only go out once one of them is answered.
        await Task.WhenAny(cycle, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(2, holds.Count(h => h.Arrived.IsCompleted));

        foreach (var hold in holds)
        {
            hold.Release();
        }

        var result = await cycle;
        Assert.Equal((5, 0), (result.WebsitesChecked, result.Errors));
    }

    [Fact]
    public async Task RunCycleAsync_AfterStockChanges_RecordsExactRowsAndQueuesMatchingAlerts()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(101, "VPS Small", 6);
        store.AddProduct(102, "VPS Large", 2);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        var small = await engine.AddMonitorAsync(site, 101, low: 5);
        var large = await engine.AddMonitorAsync(site, 102, notifyOnPurchase: false);
        await engine.SubscribeAsync("all");
        await engine.SubscribeAsync("restocks-only", events: "restock");
        await engine.SubscribeAsync("large-only", monitorId: large);
        await engine.RunCycleAsync();

        store.SetStock(101, 3);
        store.SetStock(102, 1);
        var result = await engine.RunCycleAsync();

        Assert.Equal((2, 3), (result.Changes, result.Events));
        Assert.Equal([MonitorEventType.StockInitialized, MonitorEventType.StockDecreased, MonitorEventType.ThresholdBreachLow], await engine.EventTypesAsync(small));
        Assert.Equal([MonitorEventType.StockInitialized, MonitorEventType.StockDecreased], await engine.EventTypesAsync(large));
        var deliveries = await engine.QueryAsync(db => db.AlertDeliveries
            .Select(d => new { d.Subscription!.ChannelId, d.MonitorHistory!.EventType, d.MonitorHistory.MonitorConfigId, d.Status })
            .ToListAsync());
        // "all" (default kinds: no single sales) gets the small monitor's change once, as its crossing of the low mark;
        // nobody gets the large one's sale (notify_on_purchase off, and not a default kind).
        var delivery = Assert.Single(deliveries);
        Assert.Equal(("all", small, DeliveryStatus.Pending, MonitorEventType.ThresholdBreachLow), (delivery.ChannelId, delivery.MonitorConfigId, delivery.Status, delivery.EventType));
        var last = await engine.QueryAsync(db => db.StockRecords.Where(r => r.MonitorConfigId == small).OrderByDescending(r => r.Id).FirstAsync());
        Assert.Equal((3, -3, ChangeType.Purchase, true, ThresholdType.Low), (last.Quantity, last.Delta, last.ChangeType, last.ThresholdBreached, last.ThresholdType));
    }

    [Fact]
    public async Task RunCycleAsync_SomeUnchanged_StampsExactlyTheMonitorsThatWereRead()
    {
        var east = engine.Simulator.AddStore("id-east", "secret-east");
        var north = engine.Simulator.AddStore("id-north", "secret-north");
        foreach (var pid in new[] { 1, 2, 3, 4 })
        {
            east.AddProduct(pid, $"East {pid}", 10);
        }

        north.AddProduct(7, "North 7", 5);
        var eastId = await engine.AddWebsiteAsync(east, "East");
        var northId = await engine.AddWebsiteAsync(north, "North");
        var eastMonitors = new List<int>();
        foreach (var pid in new[] { 1, 2, 3, 4 })
        {
            eastMonitors.Add(await engine.AddMonitorAsync(eastId, pid));
        }

        var northMonitor = await engine.AddMonitorAsync(northId, 7);
        await engine.RunCycleAsync();
        var firstCheck = engine.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);

        east.SetStock(2, 4);
        north.Fault = SimulatedFault.ServerError;
        await engine.RunCycleAsync();
        var secondCheck = engine.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);

        var checkedAt = await engine.QueryAsync(db => db.MonitorConfigs.ToDictionaryAsync(m => m.Id, m => m.LastCheckedAt));
        Assert.All(eastMonitors, id => Assert.Equal(secondCheck, checkedAt[id]));
        Assert.Equal(firstCheck, checkedAt[northMonitor]);
    }

    [Fact]
    public async Task RunCycleAsync_NothingChanged_AddsNoRowsButUpdatesLastCheckedAt()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "P", 4);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        var monitor = await engine.AddMonitorAsync(site, 1);
        await engine.RunCycleAsync();
        var before = (await engine.CountAsync<StockRecord>(), await engine.CountAsync<MonitorHistory>());

        await engine.RunCycleAsync();
        var checkedAt = engine.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);

        Assert.Equal(before, (await engine.CountAsync<StockRecord>(), await engine.CountAsync<MonitorHistory>()));
        Assert.Equal(checkedAt, await engine.QueryAsync(db => db.MonitorConfigs.Where(m => m.Id == monitor).Select(m => m.LastCheckedAt).SingleAsync()));
    }

    [Fact]
    public async Task RunCycleAsync_PausedMonitorAndDisabledWebsite_AreNotRead()
    {
        var on = engine.Simulator.AddStore("on", "s1");
        var off = engine.Simulator.AddStore("off", "s2");
        on.AddProduct(1, "Kept", 1);
        on.AddProduct(2, "Paused", 1);
        off.AddProduct(3, "Off", 1);
        var onId = await engine.AddWebsiteAsync(on, "On");
        var offId = await engine.AddWebsiteAsync(off, "Off");
        await engine.AddMonitorAsync(onId, 1);
        var paused = await engine.AddMonitorAsync(onId, 2);
        await engine.AddMonitorAsync(offId, 3);
        await using (var scope = engine.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MonitorService>().PauseAsync(paused, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<WebsiteService>().SetActiveAsync(offId, false, CancellationToken.None);
        }

        await engine.RunCycleAsync();
        var result = await engine.RunCycleAsync();

        Assert.Equal(1, result.MonitorsChecked);
        Assert.Equal([1], on.LastRequestedPids!);
        Assert.Equal(0, off.RequestCount);
    }

    [Fact]
    public async Task RunCycleAsync_NumericStringsAndStockControlOff_AreRead()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.StockStyle = StockFieldStyle.NumericString;
        store.AddProduct(1, "Counted", 12);
        store.AddProduct(2, "Unlimited", null);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        var counted = await engine.AddMonitorAsync(site, 1);
        var unlimited = await engine.AddMonitorAsync(site, 2);

        await engine.RunCycleAsync();

        var records = await engine.QueryAsync(db => db.StockRecords.OrderBy(r => r.MonitorConfigId).ToListAsync());
        Assert.Equal((counted, 12, true, true), (records[0].MonitorConfigId, records[0].Quantity, records[0].StockControlEnabled, records[0].Available));
        Assert.Equal((unlimited, false, true), (records[1].MonitorConfigId, records[1].StockControlEnabled, records[1].Available));
        Assert.Equal("Counted", await engine.QueryAsync(db => db.MonitorConfigs.Where(m => m.Id == counted).Select(m => m.ProductName).SingleAsync()));
    }

    [Fact]
    public async Task RunCycleAsync_StockControlTurnedOffAtZero_RestockAlertCarriesNoStockLimit()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "Counted", 0);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        await engine.AddMonitorAsync(site, 1);
        await engine.SubscribeAsync("all");
        await engine.RunCycleAsync();
        store.SetStock(1, null);

        await engine.RunCycleAsync();

        var due = await engine.QueryAsync(db => new AlertOutbox(db).NextDueAsync(0, DateTime.MaxValue, 10, CancellationToken.None));
        var alert = Assert.Single(due).Alert;
        Assert.Equal((AlertKind.Restock, false, true), (alert.Kind, alert.StockControlEnabled, alert.InStock));
    }

    [Fact]
    public async Task RunCycleAsync_StockControlTurnedOffWithStock_AlertsNothing()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "Counted", 5);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        var monitor = await engine.AddMonitorAsync(site, 1);
        await engine.SubscribeAsync("all");
        await engine.RunCycleAsync();
        store.SetStock(1, null);

        var result = await engine.RunCycleAsync();

        Assert.Equal((0, 0), (result.Changes, result.Events));
        Assert.Equal(0, await engine.CountAsync<AlertDelivery>());
        Assert.Equal((0, false, true), await engine.LastRecordAsync(monitor));
    }

    [Theory]
    [InlineData(SimulatedFault.Timeout)]
    [InlineData(SimulatedFault.ServerError)]
    [InlineData(SimulatedFault.HtmlPage)]
    [InlineData(SimulatedFault.ApiError)]
    [InlineData(SimulatedFault.InvalidIp)]
    [InlineData(SimulatedFault.AuthenticationFailed)]
    [InlineData(SimulatedFault.InvalidPermissions)]
    public async Task RunCycleAsync_FaultyWebsite_WritesNoStockRecordAndNoStockEvent(SimulatedFault fault)
    {
        var bad = engine.Simulator.AddStore("bad", "Zq9-bad-store-key");
        var good = engine.Simulator.AddStore("good", "secret");
        bad.AddProduct(1, "P", 5);
        good.AddProduct(2, "Q", 5);
        var badId = await engine.AddWebsiteAsync(bad, "Bad");
        var goodId = await engine.AddWebsiteAsync(good, "Good");
        var monitor = await engine.AddMonitorAsync(badId, 1);
        var other = await engine.AddMonitorAsync(goodId, 2);
        await engine.RunCycleAsync();

        bad.Fault = fault;
        bad.SetStock(1, 0);
        good.SetStock(2, 9);
        var result = await engine.RunCycleAsync();

        Assert.Equal(1, result.Errors);
        Assert.Equal(1, result.Changes);
        Assert.Equal(1, await engine.QueryAsync(db => db.StockRecords.CountAsync(r => r.MonitorConfigId == monitor)));
        Assert.Equal([MonitorEventType.StockInitialized], await engine.EventTypesAsync(monitor));
        Assert.Equal([MonitorEventType.StockInitialized, MonitorEventType.StockIncreased], await engine.EventTypesAsync(other));
        var state = await engine.QueryAsync(db => db.MonitorConfigs.SingleAsync(m => m.Id == monitor));
        Assert.Equal((MonitorStatus.Active, 1), (state.Status, state.ConsecutiveFailures));
        Assert.False(string.IsNullOrWhiteSpace(state.LastError));
        Assert.DoesNotContain("Zq9-bad-store-key", state.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunCycleAsync_ProductMissing_IsAFailureOfThatMonitorOnly()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "Stays", 5);
        store.AddProduct(2, "Goes", 5);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        var stays = await engine.AddMonitorAsync(site, 1);
        var goes = await engine.AddMonitorAsync(site, 2);
        await engine.RunCycleAsync();

        store.RemoveProduct(2);
        var result = await engine.RunCycleAsync();

        Assert.Equal(1, result.Errors);
        Assert.Equal([MonitorEventType.StockInitialized], await engine.EventTypesAsync(goes));
        var error = await engine.QueryAsync(db => db.MonitorConfigs.Where(m => m.Id == goes).Select(m => m.LastError).SingleAsync());
        Assert.Contains("Product 2 was not found", error, StringComparison.Ordinal);
        Assert.Equal(0, await engine.QueryAsync(db => db.MonitorConfigs.Where(m => m.Id == stays).Select(m => m.ConsecutiveFailures).SingleAsync()));
    }

    [Fact]
    public async Task RunCycleAsync_ThreeFailuresThenRecovery_OneErrorEventOneRecoveredAndNoFalseRestock()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "P", 4);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        var monitor = await engine.AddMonitorAsync(site, 1);
        await engine.SubscribeAsync("ops", events: "error,restock");
        await engine.RunCycleAsync();

        store.Fault = SimulatedFault.HtmlPage;
        for (var i = 0; i < 5; i++)
        {
            await engine.RunCycleAsync();
        }

        var during = await engine.QueryAsync(db => db.MonitorConfigs.SingleAsync(m => m.Id == monitor));
        store.Fault = SimulatedFault.None;
        await engine.RunCycleAsync();

        Assert.Equal((MonitorStatus.Error, 5), (during.Status, during.ConsecutiveFailures));
        Assert.Equal([MonitorEventType.StockInitialized, MonitorEventType.MonitorError, MonitorEventType.MonitorRecovered], await engine.EventTypesAsync(monitor));
        var after = await engine.QueryAsync(db => db.MonitorConfigs.SingleAsync(m => m.Id == monitor));
        Assert.Equal((MonitorStatus.Active, 0, null), (after.Status, after.ConsecutiveFailures, after.LastError));
        Assert.Equal(1, await engine.CountAsync<StockRecord>());
        Assert.Equal(2, await engine.CountAsync<AlertDelivery>());
    }

    [Fact]
    public async Task RunCycleAsync_AuthenticationFailure_BacksTheWebsiteOff()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "P", 4);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        await engine.AddMonitorAsync(site, 1);
        store.Fault = SimulatedFault.AuthenticationFailed;

        await engine.RunCycleAsync();
        var skipped = await engine.RunCycleAsync();
        engine.Clock.Advance(TimeSpan.FromMinutes(3));
        await engine.RunCycleAsync();

        Assert.Equal(1, skipped.WebsitesSkipped);
        Assert.Equal(2, store.RequestCount);
    }
}

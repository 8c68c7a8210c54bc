using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Monitoring;
using StockBot.Core.Tests.Support;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Monitoring;

/// <summary>
/// A hand-run `check` beside the running bot: the bot's read of a slow site started first and answers last.
/// Interleaved with the simulator's answer hold, never with sleeps.
/// </summary>
public sealed class StaleReadTests : IAsyncLifetime
{
    private EngineHarness engine = null!;

    public async Task InitializeAsync() => engine = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task RunCycleAsync_ReadOlderThanANewerRecord_NeverBecomesAChange()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "VPS", 5);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        var monitor = await engine.AddMonitorAsync(site, 1);
        await engine.SubscribeAsync("all");
        await engine.RunCycleAsync();
        var cycles = engine.Services.GetRequiredService<MonitoringEngine>();

        // The bot's cycle reads 5 and its answer is slow to arrive...
        var hold = store.HoldNextAnswer();
        var slow = cycles.RunCycleAsync(CancellationToken.None);
        await hold.Arrived;
        // ...while the stock really changes once, and a `check` started after it records the change.
        store.SetStock(1, 8);
        engine.Clock.Advance(TimeSpan.FromSeconds(5));
        var check = await cycles.RunCycleAsync(CancellationToken.None);
        hold.Release();
        var late = await slow;
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        var next = await cycles.RunCycleAsync(CancellationToken.None);

        Assert.Equal((1, 0, 0), (check.Changes, late.Changes, next.Changes));
        var quantities = await engine.QueryAsync(db => db.StockRecords.Where(r => r.MonitorConfigId == monitor).OrderBy(r => r.Id).Select(r => r.Quantity).ToListAsync());
        Assert.Equal([5, 8], quantities);
        Assert.Equal([MonitorEventType.StockInitialized, MonitorEventType.StockIncreased], await engine.EventTypesAsync(monitor));
        Assert.Equal(1, await engine.CountAsync<AlertDelivery>());
    }

    [Fact]
    public async Task RunCycleAsync_ReadOlderThanANewerCheckWithoutChange_NeverBecomesAChange()
    {
        var store = engine.Simulator.AddStore("id", "secret");
        store.AddProduct(1, "VPS", 8);
        var site = await engine.AddWebsiteAsync(store, "Shop");
        var monitor = await engine.AddMonitorAsync(site, 1);
        store.SetStock(1, 5);
        await engine.RunCycleAsync();
        store.SetStock(1, 8);
        await engine.RunCycleAsync();
        var cycles = engine.Services.GetRequiredService<MonitoringEngine>();

        // The slow read sees a 5 from before; the later read sees 8, which the database already holds.
        store.SetStock(1, 5);
        var hold = store.HoldNextAnswer();
        var slow = cycles.RunCycleAsync(CancellationToken.None);
        await hold.Arrived;
        store.SetStock(1, 8);
        engine.Clock.Advance(TimeSpan.FromSeconds(5));
        await cycles.RunCycleAsync(CancellationToken.None);
        hold.Release();
        var late = await slow;

        Assert.Equal(0, late.Changes);
        var quantities = await engine.QueryAsync(db => db.StockRecords.Where(r => r.MonitorConfigId == monitor).OrderBy(r => r.Id).Select(r => r.Quantity).ToListAsync());
        Assert.Equal([5, 8], quantities);
    }
}

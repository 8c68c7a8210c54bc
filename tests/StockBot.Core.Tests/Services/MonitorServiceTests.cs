using StockBot.Core.Monitors;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Services;

public sealed class MonitorServiceTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task CreateAsync_ValidInput_DefaultsToActiveWithCartBuyLink()
    {
        var site = await database.AddWebsiteAsync();

        var monitor = await database.AddMonitorAsync(site.Id, 101, low: 5, high: 50);

        Assert.Equal(MonitorStatus.Active.ToDb(), monitor.Status);
        Assert.True(monitor.IsActive && monitor.NotifyOnRestock && monitor.NotifyOnPurchase && monitor.NotifyOnThreshold);
        Assert.Equal("https://billing.example.com/cart.php?a=add&pid=101", monitor.BuyLink);
    }

    public static TheoryData<MonitorInput, string> BadInputs => new()
    {
        { new MonitorInput(99, 1), "website_id" },
        { new MonitorInput(1, 0), "product_id" },
        { new MonitorInput(1, 5, ThresholdLow: -1), "threshold_low" },
        { new MonitorInput(1, 5, ThresholdHigh: -3), "threshold_high" },
        { new MonitorInput(1, 5, ThresholdLow: 10, ThresholdHigh: 3), "threshold_low" },
        { new MonitorInput(1, 5, PurchaseLink: "javascript:alert(1)"), "purchase_link" },
        { new MonitorInput(1, 5, ProductName: new string('n', 256)), "product_name" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task CreateAsync_BadInput_NamesTheFieldAndWritesNothing(MonitorInput input, string field)
    {
        await database.AddWebsiteAsync();
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InputException>(() => database.Monitors(db).CreateAsync(input, CancellationToken.None));

        Assert.Equal(field, error.Field);
        Assert.Equal(0, database.Count("monitor_configs"));
    }

    [Fact]
    public async Task CreateAsync_SameProductTwiceOnOneWebsite_IsRefused()
    {
        var site = await database.AddWebsiteAsync();
        await database.AddMonitorAsync(site.Id, 101);

        var error = await Assert.ThrowsAsync<InputException>(() => database.AddMonitorAsync(site.Id, 101));

        Assert.Equal("product_id", error.Field);
        Assert.Equal(1, database.Count("monitor_configs"));
    }

    [Fact]
    public async Task CreateAsync_SameProductOnAnotherWebsite_IsAllowed()
    {
        var first = await database.AddWebsiteAsync("A");
        var second = await database.AddWebsiteAsync("B");
        await database.AddMonitorAsync(first.Id, 101);

        await database.AddMonitorAsync(second.Id, 101);

        Assert.Equal(2, database.Count("monitor_configs"));
    }

    [Fact]
    public async Task PauseThenResume_SetsStatusAndActiveFlag()
    {
        var site = await database.AddWebsiteAsync();
        var monitor = await database.AddMonitorAsync(site.Id);
        await using var db = database.NewContext();

        var paused = await database.Monitors(db).PauseAsync(monitor.Id, CancellationToken.None);
        Assert.Equal((false, MonitorStatus.Paused.ToDb()), (paused.IsActive, paused.Status));

        var resumed = await database.Monitors(db).ResumeAsync(monitor.Id, CancellationToken.None);
        Assert.Equal((true, MonitorStatus.Active.ToDb()), (resumed.IsActive, resumed.Status));
    }

    [Fact]
    public async Task UpdateAsync_LowAboveExistingHigh_IsRefusedAndKeepsOldValues()
    {
        var site = await database.AddWebsiteAsync();
        var monitor = await database.AddMonitorAsync(site.Id, low: 2, high: 10);
        await using var db = database.NewContext();

        await Assert.ThrowsAsync<InputException>(() => database.Monitors(db).UpdateAsync(monitor.Id, new MonitorUpdate(ThresholdLow: 20), CancellationToken.None));

        await using var read = database.NewContext();
        var stored = await database.Monitors(read).GetAsync(monitor.Id, CancellationToken.None);
        Assert.Equal((2, 10), (stored.ThresholdLow, stored.ThresholdHigh));
    }

    [Fact]
    public async Task UpdateAsync_ClearHighAndSetLink_AppliesBoth()
    {
        var site = await database.AddWebsiteAsync();
        var monitor = await database.AddMonitorAsync(site.Id, low: 2, high: 10);
        await using var db = database.NewContext();

        var updated = await database.Monitors(db).UpdateAsync(monitor.Id, new MonitorUpdate(ClearThresholdHigh: true, PurchaseLink: "https://shop.example/buy", NotifyOnPurchase: false), CancellationToken.None);

        Assert.Null(updated.ThresholdHigh);
        Assert.Equal(2, updated.ThresholdLow);
        Assert.Equal("https://shop.example/buy", updated.BuyLink);
        Assert.False(updated.NotifyOnPurchase);
    }

    [Fact]
    public async Task RemoveAsync_WithHistoryWithoutForce_IsRefused()
    {
        var site = await database.AddWebsiteAsync();
        var monitor = await database.AddMonitorAsync(site.Id);
        await using (var db = database.NewContext())
        {
            db.StockRecords.Add(new StockRecord { MonitorConfigId = monitor.Id, Quantity = 1, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var remove = database.NewContext();
        await Assert.ThrowsAsync<InputException>(() => database.Monitors(remove).RemoveAsync(monitor.Id, false, CancellationToken.None));
        Assert.Equal(1, database.Count("stock_records"));

        await database.Monitors(remove).RemoveAsync(monitor.Id, true, CancellationToken.None);
        Assert.Equal(0, database.Count("stock_records"));
        Assert.Equal(0, database.Count("monitor_configs"));
    }
}

using static StockBot.Telegram.Tests.TelegramHostHarness;

namespace StockBot.Telegram.Tests;

/// <summary>Monitoring:ConfirmReads=2 through the real host against the fake Bot API: a restock alerts on the second agreeing read, a flap never.</summary>
public sealed class TelegramConfirmReadsTests : IAsyncLifetime
{
    private TelegramHostHarness h = null!;

    public async Task InitializeAsync()
    {
        h = await CreateAsync();
        h.Settings["Monitoring:ConfirmReads"] = "2";
        await h.StartAsync();
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task Cycle_ConfirmReadsTwo_RestockAlertedOnTheSecondAgreeingRead()
    {
        await StartOutOfStockAsync();

        h.Store.SetStock(101, 5);
        await NextCycleAsync();
        Assert.Equal(0, h.CountSent("sendMessage", GroupId));
        Assert.Equal(1, h.Count("monitor_histories WHERE event_type = 'stock_increased'"));

        await NextCycleAsync();
        var message = Assert.Single(h.Telegram.Sent("sendMessage", Id(GroupId)));
        Assert.Contains("Back in stock", message.Text, StringComparison.Ordinal);
        Assert.Equal(1, h.Count("alert_deliveries WHERE monitor_history_id = (SELECT id FROM monitor_histories WHERE event_type = 'stock_increased')"));

        await NextCycleAsync();
        Assert.Equal(1, h.CountSent("sendMessage", GroupId));
    }

    [Fact]
    public async Task Cycle_ConfirmReadsTwo_FlapInThenOut_NoMessageAtAll()
    {
        await StartOutOfStockAsync();

        h.Store.SetStock(101, 5);
        await NextCycleAsync();
        h.Store.SetStock(101, 0);
        await NextCycleAsync();
        await NextCycleAsync();

        Assert.Equal(0, h.CountSent("sendMessage", GroupId));
        Assert.Equal(0, h.Count("alert_deliveries"));
        Assert.Equal(1, h.Count("monitor_histories WHERE event_type = 'stock_increased'"));
        Assert.Equal(1, h.Count("monitor_histories WHERE event_type = 'stock_decreased'"));
        Assert.Equal(0, h.Count("monitor_configs WHERE restock_pending_history_id IS NOT NULL"));
    }

    private async Task StartOutOfStockAsync()
    {
        await h.AddWebsiteAndMonitorsAsync(101);
        h.Store.SetStock(101, 0);
        var subscribed = await h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", Id(GroupId));
        Assert.True(subscribed.ExitCode == 0, subscribed.Error);
        await h.RunCycleAsync();
        Assert.Equal(0, h.CountSent("sendMessage", GroupId));
    }

    private async Task NextCycleAsync()
    {
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.RunCycleAsync();
    }
}

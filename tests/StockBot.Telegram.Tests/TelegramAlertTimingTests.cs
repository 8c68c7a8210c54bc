using StockBot.Simulator;
using static StockBot.Telegram.Tests.TelegramHostHarness;

namespace StockBot.Telegram.Tests;

/// <summary>A website's maintenance pause and a monitor's cooldown, through the real host against the fake Bot API.</summary>
public sealed class TelegramAlertTimingTests : IAsyncLifetime
{
    private TelegramHostHarness h = null!;

    public async Task InitializeAsync()
    {
        h = await CreateAsync();
        h.Settings["Monitoring:ErrorAfterFailures"] = "2";
        await h.StartAsync();
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task Cycle_WebsitePaused_NotReadNoAlertsNoErrorsUntilItEnds()
    {
        await h.AddWebsiteAndMonitorsAsync(101);
        Subscribe();
        await h.RunCycleAsync();
        var requests = h.Store.RequestCount;

        var paused = await h.CliAsync("website", "pause", "1", "--until", "2h");
        Assert.True(paused.ExitCode == 0, paused.Error);
        Assert.Contains("paused until", paused.Out, StringComparison.Ordinal);
        h.Store.Fault = SimulatedFault.ServerError;
        for (var i = 0; i < 3; i++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(10));
            var cycle = await h.Service.RunCycleAsync();
            Assert.Equal(0, cycle.Cycle.MonitorsChecked);
        }

        Assert.Equal(requests, h.Store.RequestCount);
        Assert.Equal("active", h.Scalar("SELECT status FROM monitor_configs WHERE id = 1"));
        Assert.Equal(0, h.Count("monitor_configs WHERE consecutive_failures > 0"));
        Assert.Equal(0, h.Count("alert_deliveries"));
        var status = await h.CliAsync("status");
        Assert.Contains("paused until", status.Out, StringComparison.Ordinal);

        // The pause ends by itself: read again, and its news alerted.
        h.Store.Fault = SimulatedFault.None;
        h.Store.SetStock(101, 0);
        h.Clock.Advance(TimeSpan.FromMinutes(91));
        var after = await h.RunCycleAsync();
        Assert.Equal(1, after.Sent);
        Assert.Contains("VPS Small 2GB", h.Telegram.Sent("sendMessage", Id(GroupId))[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebsitePause_BadUntil_ExitTwoNamingTheFlag()
    {
        await h.AddWebsiteAndMonitorsAsync(101);

        var bad = await h.CliAsync("website", "pause", "1", "--until", "soon");
        var past = await h.CliAsync("website", "pause", "1", "--until", "2020-01-01T00:00Z");

        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--until: 'soon' is neither a duration", bad.Error, StringComparison.Ordinal);
        Assert.Equal(2, past.ExitCode);
        Assert.Contains("--until: must be in the future", past.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cycle_MonitorCooldown_SameKindAlertedOncePerCooldownRecordedAlways()
    {
        await h.AddWebsiteAndMonitorsAsync(101);
        var cooled = await h.CliAsync("monitor", "update", "1", "--cooldown", "30m");
        Assert.True(cooled.ExitCode == 0, cooled.Error);
        // Sales that leave stock are the `purchase` kind, which the default kinds leave out.
        Subscribe("purchase");
        await h.RunCycleAsync();

        // Three sales within 30 minutes: one alert; all three recorded.
        foreach (var stock in new[] { 5, 4, 3 })
        {
            h.Store.SetStock(101, stock);
            h.Clock.Advance(TimeSpan.FromMinutes(5));
            await h.RunCycleAsync();
        }

        Assert.Equal(3, h.Count("monitor_histories WHERE event_type = 'stock_decreased'"));
        Assert.Equal(1, h.Count("alert_deliveries"));

        // After the cooldown the next sale alerts again.
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        h.Store.SetStock(101, 2);
        await h.RunCycleAsync();
        Assert.Equal(2, h.Count("alert_deliveries WHERE status = 'sent'"));
        Assert.Equal(2, h.Telegram.Sent("sendMessage", Id(GroupId)).Count);
    }

    private void Subscribe(string events = "restock,soldout,threshold,new")
    {
        var subscribed = h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", Id(GroupId), "--events", events).GetAwaiter().GetResult();
        Assert.True(subscribed.ExitCode == 0, subscribed.Error);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using StockBot.Core.Alerts;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Configuration;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Alerts;

public sealed partial class AlertDispatcherTests : IDisposable
{
    private readonly TestDatabase database = new();
    private readonly IAlertSender telegram = Substitute.For<IAlertSender>();
    private readonly List<(Alert Alert, AlertTarget Target)> sent = [];
    private readonly List<IAlertSender> senders = [];

    public AlertDispatcherTests()
    {
        telegram.Platform.Returns(Platform.Telegram);
        senders.Add(telegram);
        telegram.SendAsync(Arg.Any<Alert>(), Arg.Any<AlertTarget>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                sent.Add((call.ArgAt<Alert>(0), call.ArgAt<AlertTarget>(1)));
                return AlertSendResult.Sent($"m{sent.Count}");
            });
    }

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task DispatchAsync_PendingDeliveries_SendsOldestFirstAndMarksEachSentOnce()
    {
        var (subscription, _) = await SeedAsync(3);

        var first = await DispatchAsync();
        var second = await DispatchAsync();

        Assert.Equal((3, 0), (first.Sent, second.Sent));
        Assert.Equal([5, 6, 7], sent.Select(s => s.Alert.ToQuantity));
        Assert.All(sent, s => Assert.Equal(("-100200", "@oncall"), (s.Target.ChannelId, s.Target.Mention)));
        await using var db = database.NewContext();
        var rows = await db.AlertDeliveries.OrderBy(d => d.Id).ToListAsync();
        Assert.All(rows, r => Assert.Equal((DeliveryStatus.Sent, 1), (r.Status, r.Attempts)));
        Assert.Equal(["m1", "m2", "m3"], rows.Select(r => r.ExternalMessageId));
        Assert.Equal(subscription, rows[0].SubscriptionId);
    }

    [Fact]
    public async Task DispatchAsync_Alert_CarriesProductWebsiteChangeAndBuyLink()
    {
        await SeedAsync(1);

        await DispatchAsync();

        var alert = sent.Single().Alert;
        Assert.Equal((AlertKind.Restock, "Product 101", "Main Site", "US-East", 4, 5, 1), (alert.Kind, alert.Product, alert.Website, alert.Region, alert.FromQuantity, alert.ToQuantity, alert.Delta));
        Assert.Equal("https://billing.example.com/cart.php?a=add&pid=101", alert.BuyLink);
        Assert.Contains("4 → 5 (+1)", AlertText.PlainText(alert), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_SendFails_RetriesAfterTenSecondsDoublingAndKeepsOrder()
    {
        await SeedAsync(2);
        var calls = 0;
        telegram.SendAsync(Arg.Any<Alert>(), Arg.Any<AlertTarget>(), Arg.Any<CancellationToken>())
            .Returns(_ => ++calls <= 2 ? AlertSendResult.Retry("502 Bad Gateway") : AlertSendResult.Sent());

        var outage = await DispatchAsync();
        database.Time.Advance(TimeSpan.FromSeconds(9));
        var tooEarly = await DispatchAsync();
        database.Time.Advance(TimeSpan.FromSeconds(1));
        var secondFailure = await DispatchAsync();
        database.Time.Advance(TimeSpan.FromSeconds(20));
        var recovered = await DispatchAsync();

        Assert.Equal((0, 1), (outage.Sent, outage.Retrying));
        Assert.Equal(0, tooEarly.Sent + tooEarly.Retrying);
        Assert.Equal(1, secondFailure.Retrying);
        Assert.Equal(2, recovered.Sent);
        await using var db = database.NewContext();
        var rows = await db.AlertDeliveries.OrderBy(d => d.Id).ToListAsync();
        Assert.Equal([3, 1], rows.Select(r => r.Attempts));
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
    }

    [Fact]
    public async Task DispatchAsync_RetryAfterFromPlatform_WinsOverBackoff()
    {
        await SeedAsync(1);
        telegram.SendAsync(Arg.Any<Alert>(), Arg.Any<AlertTarget>(), Arg.Any<CancellationToken>())
            .Returns(AlertSendResult.Retry("429 Too Many Requests", TimeSpan.FromSeconds(37)));

        await DispatchAsync();

        await using var db = database.NewContext();
        var row = await db.AlertDeliveries.SingleAsync();
        Assert.Equal(database.Time.GetUtcNow().UtcDateTime.AddSeconds(37), row.NextAttemptAt);
        Assert.Equal(DeliveryStatus.Pending, row.Status);
    }

    [Fact]
    public async Task DispatchAsync_ChannelGone_FailsItsDeliveriesAndTurnsTheSubscriptionOff()
    {
        var (subscription, _) = await SeedAsync(3);
        telegram.SendAsync(Arg.Any<Alert>(), Arg.Any<AlertTarget>(), Arg.Any<CancellationToken>())
            .Returns(AlertSendResult.Gone("Forbidden: bot was blocked by the user"));

        var result = await DispatchAsync();

        Assert.Equal(3, result.Failed);
        await telegram.Received(1).SendAsync(Arg.Any<Alert>(), Arg.Any<AlertTarget>(), Arg.Any<CancellationToken>());
        await using var db = database.NewContext();
        Assert.All(await db.AlertDeliveries.ToListAsync(), d => Assert.Equal(DeliveryStatus.Failed, d.Status));
        var off = await db.Subscriptions.SingleAsync(s => s.Id == subscription);
        Assert.False(off.IsActive);
        Assert.Equal(("Forbidden: bot was blocked by the user", database.Time.GetUtcNow().UtcDateTime), (off.LastError, off.LastErrorAt));
    }

    [Fact]
    public async Task DispatchAsync_SenderThrows_KeepsTheAlertPending()
    {
        await SeedAsync(1);
        telegram.SendAsync(Arg.Any<Alert>(), Arg.Any<AlertTarget>(), Arg.Any<CancellationToken>())
            .Returns<AlertSendResult>(_ => throw new HttpRequestException("connection reset"));

        var result = await DispatchAsync();

        Assert.Equal(1, result.Retrying);
        await using var db = database.NewContext();
        Assert.Equal(DeliveryStatus.Pending, (await db.AlertDeliveries.SingleAsync()).Status);
    }

    [Fact]
    public async Task DispatchAsync_NoSenderForPlatform_LeavesAlertsWaiting()
    {
        await SeedAsync(2, platform: Platform.Discord);

        var result = await DispatchAsync();

        Assert.Equal((0, 2), (result.Sent, result.Waiting));
    }

    [Theory]
    [InlineData(false, 0, false)]
    [InlineData(true, 0, true)]
    [InlineData(false, -1, true)]
    public async Task DispatchAsync_StockRecordOfTheEvent_GivesTheAlertsStockControl(bool recordStockControl, int recordMinutesFromEvent, bool expected)
    {
        var (_, monitor) = await SeedAsync(1);
        await using (var db = database.NewContext())
        {
            db.StockRecords.Add(new StockRecord
            {
                MonitorConfigId = monitor, Quantity = 0, StockControlEnabled = recordStockControl, Available = true, ChangeType = ChangeType.Restock,
                CreatedAt = database.Time.GetUtcNow().UtcDateTime.AddMinutes(recordMinutesFromEvent),
            });
            await db.SaveChangesAsync();
        }

        await DispatchAsync();

        Assert.Equal(expected, sent.Single().Alert.StockControlEnabled);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(4, 80)]
    [InlineData(7, 600)]
    [InlineData(30, 600)]
    public void Backoff_Attempts_DoublesFromTenSecondsUpToTenMinutes(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AlertDispatcher.Backoff(attempts));

    private async Task<DispatchResult> DispatchAsync(TimeSpan? maxAge = null)
    {
        await using var db = database.NewContext();
        var options = Options.Create(new AlertsOptions { MaxAge = maxAge ?? TimeSpan.FromHours(1) });
        return await new AlertDispatcher(
            new AlertOutbox(db), database.Subscriptions(db), new AlertSenders(senders, database.Protector), options,
            new StockBot.Core.Operations.StockBotMetrics(), database.Time, NullLogger<AlertDispatcher>.Instance).DispatchAsync(CancellationToken.None);
    }

    private async Task<(int Subscription, int Monitor)> SeedAsync(int events, Platform platform = Platform.Telegram, Action<Subscription>? configure = null)
    {
        var site = await database.AddWebsiteAsync();
        var monitor = await database.AddMonitorAsync(site.Id);
        int id;
        await using (var db = database.NewContext())
        {
            var subscription = new Subscription { Platform = platform, ChannelId = "-100200", EventKinds = "restock", Mention = "@oncall", CreatedAt = database.Time.GetUtcNow().UtcDateTime };
            configure?.Invoke(subscription);
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            id = subscription.Id;
        }

        await AddEventsAsync(monitor.Id, events, [id]);
        return (id, monitor.Id);
    }

    /// <summary><paramref name="events"/> restocks of the monitor (to 5, 6, ... after those it has), each alerting every given subscription.</summary>
    private async Task AddEventsAsync(int monitor, int events, IReadOnlyList<int> subscriptions)
    {
        await using var db = database.NewContext();
        var before = await db.MonitorHistories.CountAsync(h => h.MonitorConfigId == monitor);
        var now = database.Time.GetUtcNow().UtcDateTime;
        for (var i = before; i < before + events; i++)
        {
            var history = new MonitorHistory
            {
                MonitorConfigId = monitor, EventType = MonitorEventType.StockIncreased, FromQuantity = 4 + i, ToQuantity = 5 + i, Delta = 1,
                ChangeType = ChangeType.Restock, CreatedAt = now,
            };
            foreach (var subscription in subscriptions)
            {
                db.AlertDeliveries.Add(new AlertDelivery { MonitorHistory = history, SubscriptionId = subscription, NextAttemptAt = now, CreatedAt = now });
            }
        }

        await db.SaveChangesAsync();
    }
}

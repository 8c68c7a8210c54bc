using Microsoft.EntityFrameworkCore;
using NSubstitute;
using StockBot.Core.Alerts;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Alerts;

/// <summary>How each platform answer ends a delivery: refused, moved, expired, and the targets the senders get.</summary>
public sealed partial class AlertDispatcherTests
{
    private const string CantParse = "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 12";

    [Fact]
    public async Task DispatchAsync_RejectedTwice_RetriesOnceAsPlainThenFailsWithThePlatformsErrorAndLaterAlertsStillGo()
    {
        await SeedAsync(3);
        SendReturns((alert, _) => alert.ToQuantity == 5 ? AlertSendResult.Rejected(CantParse) : AlertSendResult.Sent("m"));

        var result = await DispatchAsync();

        Assert.Equal((2, 1, 0), (result.Sent, result.Failed, result.Retrying));
        Assert.Equal([(5, AlertForm.Full), (5, AlertForm.Plain), (6, AlertForm.Full), (7, AlertForm.Full)], sent.Select(s => (s.Alert.ToQuantity, s.Target.Form)));
        await using var db = database.NewContext();
        var rows = await db.AlertDeliveries.OrderBy(d => d.Id).ToListAsync();
        Assert.Equal([DeliveryStatus.Failed, DeliveryStatus.Sent, DeliveryStatus.Sent], rows.Select(r => r.Status));
        Assert.Equal([2, 1, 1], rows.Select(r => r.Attempts));
        Assert.Equal(CantParse, rows[0].LastError);
        Assert.True((await db.Subscriptions.SingleAsync()).IsActive);
    }

    [Fact]
    public async Task DispatchAsync_RejectedThenPlainAccepted_IsSentAfterTwoAttempts()
    {
        await SeedAsync(1);
        SendReturns((_, target) => target.Form == AlertForm.Full ? AlertSendResult.Rejected("Bad Request: BUTTON_URL_INVALID") : AlertSendResult.Sent("m9"));

        var result = await DispatchAsync();

        Assert.Equal(1, result.Sent);
        await using var db = database.NewContext();
        var row = await db.AlertDeliveries.SingleAsync();
        Assert.Equal((DeliveryStatus.Sent, 2, "m9", null), (row.Status, row.Attempts, row.ExternalMessageId, row.LastError));
    }

    [Fact]
    public async Task DispatchAsync_RejectedAfterEarlierRetries_StillFailsNowAndDoesNotHoldTheChannel()
    {
        await SeedAsync(2);
        var calls = 0;
        SendReturns((alert, _) => ++calls == 1 ? AlertSendResult.Retry("502 Bad Gateway")
            : alert.ToQuantity == 5 ? AlertSendResult.Rejected("Bad Request: message is too long") : AlertSendResult.Sent());

        await DispatchAsync();
        database.Time.Advance(TimeSpan.FromSeconds(10));
        var later = await DispatchAsync();

        Assert.Equal((1, 1), (later.Sent, later.Failed));
        await using var db = database.NewContext();
        Assert.Equal([3, 1], (await db.AlertDeliveries.OrderBy(d => d.Id).ToListAsync()).Select(r => r.Attempts));
    }

    [Fact]
    public async Task DispatchAsync_ChannelMoved_MovesEverySubscriptionOfTheChatAndDeliversToTheNewIdAtOnceInOrder()
    {
        var (first, monitor) = await SeedAsync(2);
        int second;
        await using (var db = database.NewContext())
        {
            var other = new Subscription { Platform = Platform.Telegram, ChannelId = "-100200", MonitorConfigId = monitor, EventKinds = "restock", CreatedAt = database.Time.GetUtcNow().UtcDateTime };
            db.Subscriptions.Add(other);
            await db.SaveChangesAsync();
            second = other.Id;
        }

        await AddEventsAsync(monitor, 1, [first, second]);
        SendReturns((_, target) => target.ChannelId == "-100200"
            ? AlertSendResult.Moved("-1009999", "Bad Request: group chat was upgraded to a supergroup chat")
            : AlertSendResult.Sent());

        var result = await DispatchAsync();

        Assert.Equal((4, 0, 0), (result.Sent, result.Failed, result.Retrying));
        Assert.Equal([("-100200", 5), ("-1009999", 5), ("-1009999", 6), ("-1009999", 7), ("-1009999", 7)], sent.Select(s => (s.Target.ChannelId, s.Alert.ToQuantity)));
        await using var check = database.NewContext();
        Assert.All(await check.Subscriptions.ToListAsync(), s => Assert.Equal(("-1009999", true), (s.ChannelId, s.IsActive)));
        var rows = await check.AlertDeliveries.OrderBy(d => d.Id).ToListAsync();
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        Assert.Equal(2, rows[0].Attempts);
    }

    [Fact]
    public async Task DispatchAsync_ChannelMovedToAChatWithItsOwnSubscription_SendsEachAlertThereOnce()
    {
        var (old, monitor) = await SeedAsync(0);
        int kept;
        await using (var db = database.NewContext())
        {
            var there = new Subscription { Platform = Platform.Telegram, ChannelId = "-1009999", EventKinds = "restock", CreatedAt = database.Time.GetUtcNow().UtcDateTime };
            db.Subscriptions.Add(there);
            await db.SaveChangesAsync();
            kept = there.Id;
        }

        await AddEventsAsync(monitor, 1, [old, kept]);
        await AddEventsAsync(monitor, 1, [old]);
        SendReturns((_, target) => target.ChannelId == "-100200" ? AlertSendResult.Moved("-1009999", "migrated") : AlertSendResult.Sent());

        await DispatchAsync();

        Assert.Equal([("-100200", 5), ("-1009999", 5), ("-1009999", 6)], sent.Select(s => (s.Target.ChannelId, s.Alert.ToQuantity)));
        await using var check = database.NewContext();
        Assert.Equal(kept, (await check.Subscriptions.SingleAsync()).Id);
        Assert.All(await check.AlertDeliveries.ToListAsync(), r => Assert.Equal((DeliveryStatus.Sent, kept), (r.Status, r.SubscriptionId)));
    }

    [Fact]
    public async Task DispatchAsync_RowNeverTriedOlderThanMaxAge_IsExpiredNotSent()
    {
        await SeedAsync(1, platform: Platform.Discord);
        database.Time.Advance(TimeSpan.FromMinutes(30));
        var waiting = await DispatchAsync();
        var discord = Substitute.For<IAlertSender>();
        discord.Platform.Returns(Platform.Discord);
        senders.Add(discord);
        database.Time.Advance(TimeSpan.FromMinutes(31));

        var late = await DispatchAsync();

        Assert.Equal(1, waiting.Waiting);
        Assert.Equal((0, 1), (late.Sent, late.Expired));
        await discord.DidNotReceiveWithAnyArgs().SendAsync(default!, default!, default);
        await using var db = database.NewContext();
        var row = await db.AlertDeliveries.SingleAsync();
        Assert.Equal(DeliveryStatus.Expired, row.Status);
        Assert.Contains("Alerts:MaxAge (01:00:00)", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_RetryingRowReachesMaxAge_ExpiresAtItsWindowAndNoLongerHoldsTheChannel()
    {
        var (subscription, monitor) = await SeedAsync(1);
        SendReturns((alert, _) => alert.ToQuantity == 5 ? AlertSendResult.Retry("429 Too Many Requests", TimeSpan.FromHours(3)) : AlertSendResult.Sent());
        await DispatchAsync();
        database.Time.Advance(TimeSpan.FromMinutes(30));
        await AddEventsAsync(monitor, 1, [subscription]);
        var held = await DispatchAsync();
        database.Time.Advance(TimeSpan.FromMinutes(30));

        var released = await DispatchAsync();

        Assert.Equal(0, held.Sent);
        Assert.Equal((1, 1), (released.Sent, released.Expired));
        Assert.Equal([5, 6], sent.Select(s => s.Alert.ToQuantity));
        await using var db = database.NewContext();
        var rows = await db.AlertDeliveries.OrderBy(d => d.Id).ToListAsync();
        Assert.Equal([DeliveryStatus.Expired, DeliveryStatus.Sent], rows.Select(r => r.Status));
        Assert.Equal(1, rows[0].Attempts);
        Assert.Contains("429 Too Many Requests", rows[0].LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_Sent_ClearsTheSubscriptionsLastError()
    {
        var (subscription, _) = await SeedAsync(1, configure: s => (s.LastError, s.LastErrorAt) = ("Test message refused: no rights", DateTime.UnixEpoch));

        await DispatchAsync();

        await using var db = database.NewContext();
        var row = await db.Subscriptions.SingleAsync(s => s.Id == subscription);
        Assert.Equal((null, null), (row.LastError, row.LastErrorAt));
    }

    [Fact]
    public async Task DispatchAsync_Subscription_GivesTheSenderItsForumTopic()
    {
        await SeedAsync(1, configure: s => s.ThreadId = "42");

        await DispatchAsync();

        Assert.Equal(("42", null, AlertForm.Full), (sent.Single().Target.ThreadId, sent.Single().Target.WebhookUrl, sent.Single().Target.Form));
    }

    [Fact]
    public async Task DispatchAsync_WebhookSubscription_GoesThroughTheWebhookSenderWithTheUrlDecrypted()
    {
        const string url = "https://discord.com/api/webhooks/123/secret-token-value";
        await SeedAsync(1, platform: Platform.Discord, configure: s => s.WebhookUrlEncrypted = database.Protector.Protect(url));
        var bot = Substitute.For<IAlertSender>();
        bot.Platform.Returns(Platform.Discord);
        var webhook = Substitute.For<IAlertSender>();
        webhook.Platform.Returns(Platform.Discord);
        webhook.SendsToWebhooks.Returns(true);
        AlertTarget? target = null;
        webhook.SendAsync(Arg.Any<Alert>(), Arg.Do<AlertTarget>(t => target = t), Arg.Any<CancellationToken>()).Returns(AlertSendResult.Sent());
        senders.AddRange([bot, webhook]);

        var result = await DispatchAsync();

        Assert.Equal(1, result.Sent);
        Assert.Equal(url, target?.WebhookUrl);
        await bot.DidNotReceiveWithAnyArgs().SendAsync(default!, default!, default);
    }

    private void SendReturns(Func<Alert, AlertTarget, AlertSendResult> answer) =>
        telegram.SendAsync(Arg.Any<Alert>(), Arg.Any<AlertTarget>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var (alert, target) = (call.ArgAt<Alert>(0), call.ArgAt<AlertTarget>(1));
                sent.Add((alert, target));
                return answer(alert, target);
            });
}

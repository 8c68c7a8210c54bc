using Microsoft.EntityFrameworkCore;
using NSubstitute;
using StockBot.Core.Alerts;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Operations;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Alerts;

/// <summary>Claims carry their instance: a restarted instance sends what it was sending at once, and a channel keeps its order.</summary>
public sealed partial class AlertDispatcherTests
{
    [Fact]
    public async Task ClaimAsync_DueRow_CarriesTheInstanceAndTheTime()
    {
        await SeedAsync(1);
        var now = database.Time.GetUtcNow().UtcDateTime;

        bool claimed;
        await using (var db = database.NewContext())
        {
            claimed = await new AlertOutbox(db, new InstanceIdentity("bot-a")).ClaimAsync(1, now, CancellationToken.None);
        }

        await using var check = database.NewContext();
        var row = await check.AlertDeliveries.SingleAsync();
        Assert.True(claimed);
        Assert.Equal(("bot-a", now), (row.ClaimedBy, row.ClaimedAt));
        Assert.True(row.NextAttemptAt > now);
    }

    [Fact]
    public async Task DispatchAsync_SendEnds_ClaimGivenUp()
    {
        await SeedAsync(2);
        telegram.SendAsync(Arg.Any<Alert>(), Arg.Any<AlertTarget>(), Arg.Any<CancellationToken>())
            .Returns(AlertSendResult.Sent("m1"), AlertSendResult.Retry("Bad Gateway"));

        await DispatchAsync();

        await using var db = database.NewContext();
        var rows = await db.AlertDeliveries.OrderBy(d => d.Id).ToListAsync();
        Assert.Equal([DeliveryStatus.Sent, DeliveryStatus.Pending], rows.Select(r => r.Status));
        Assert.All(rows, r => Assert.Equal((null, null), (r.ClaimedBy, r.ClaimedAt)));
    }

    [Fact]
    public async Task ReleaseOwnClaimsAsync_KilledMidSend_OwnClaimsDueAtOnceAnotherInstancesKept()
    {
        await SeedAsync(2);
        var now = database.Time.GetUtcNow().UtcDateTime;
        await ClaimAsync("bot-a", 1);
        await ClaimAsync("bot-b", 2);

        int released;
        await using (var db = database.NewContext())
        {
            released = await new AlertOutbox(db, new InstanceIdentity("bot-a")).ReleaseOwnClaimsAsync(now, CancellationToken.None);
        }

        await using var check = database.NewContext();
        var rows = await check.AlertDeliveries.OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(1, released);
        Assert.Equal((null, now), (rows[0].ClaimedBy, rows[0].NextAttemptAt));
        Assert.Equal("bot-b", rows[1].ClaimedBy);
        Assert.True(rows[1].NextAttemptAt > now);
    }

    [Fact]
    public async Task DispatchAsync_AfterOwnClaimsReleased_TheInFlightAlertGoesFirstThenTheNewerOnes()
    {
        await SeedAsync(3);
        await ClaimAsync(InstanceIdentity.Machine.Name, 1);
        await using (var db = database.NewContext())
        {
            await new AlertOutbox(db).ReleaseOwnClaimsAsync(database.Time.GetUtcNow().UtcDateTime, CancellationToken.None);
        }

        var result = await DispatchAsync();

        Assert.Equal(3, result.Sent);
        Assert.Equal([5, 6, 7], sent.Select(s => s.Alert.ToQuantity));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DispatchAsync_OlderRowToTheSameChatInFlightOrWaiting_HoldsTheNewerRowOfAnotherSubscription(bool inFlight)
    {
        var (_, monitor) = await SeedAsync(1);
        var sameChat = await AddSubscriptionAsync("-100200");
        var otherChat = await AddSubscriptionAsync("-100300");
        await AddEventsAsync(monitor, 1, [sameChat, otherChat]);
        if (inFlight)
        {
            await ClaimAsync("bot-b", 1);
        }
        else
        {
            await using var db = database.NewContext();
            await db.AlertDeliveries.Where(d => d.Id == 1)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, database.Time.GetUtcNow().UtcDateTime.AddSeconds(30)));
        }

        var result = await DispatchAsync();

        // Only the other chat's alert: the newer one to -100200 waits for the older one, whose subscription is another.
        Assert.Equal(1, result.Sent);
        Assert.Equal(("-100300", 6), (sent.Single().Target.ChannelId, sent.Single().Alert.ToQuantity));
    }

    private async Task ClaimAsync(string instance, long deliveryId)
    {
        await using var db = database.NewContext();
        Assert.True(await new AlertOutbox(db, new InstanceIdentity(instance)).ClaimAsync(deliveryId, database.Time.GetUtcNow().UtcDateTime, CancellationToken.None));
    }

    private async Task<int> AddSubscriptionAsync(string channel)
    {
        await using var db = database.NewContext();
        var subscription = new Subscription { Platform = Platform.Telegram, ChannelId = channel, EventKinds = "restock", CreatedAt = database.Time.GetUtcNow().UtcDateTime };
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription.Id;
    }
}

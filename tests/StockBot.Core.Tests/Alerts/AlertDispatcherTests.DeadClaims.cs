using Microsoft.EntityFrameworkCore;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Operations;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Alerts;

/// <summary>A survivor frees the claims of an instance that died mid-send; a live one's and a one-shot command's stay.</summary>
public sealed partial class AlertDispatcherTests
{
    [Fact]
    public async Task ReleaseDeadInstancesClaimsAsync_ClaimerSilentLongerThanFailover_DueAtOnceLiveAndUnknownClaimsKept()
    {
        await SeedAsync(4);
        var now = database.Time.GetUtcNow().UtcDateTime;
        await using (var db = database.NewContext())
        {
            db.ClusterInstances.Add(new ClusterInstance { Name = "dead", StartedAt = now.AddMinutes(-5), LastSeenAt = now.AddSeconds(-6) });
            db.ClusterInstances.Add(new ClusterInstance { Name = "alive", StartedAt = now.AddMinutes(-5), LastSeenAt = now.AddSeconds(-1) });
            await db.SaveChangesAsync();
        }

        await ClaimAsync("dead", 1);
        await ClaimAsync("alive", 2);
        await ClaimAsync("check-on-a-laptop", 3);
        await ClaimAsync("survivor", 4);

        int released;
        await using (var db = database.NewContext())
        {
            released = await new AlertOutbox(db, new InstanceIdentity("survivor")).ReleaseDeadInstancesClaimsAsync(now, TimeSpan.FromSeconds(5), CancellationToken.None);
        }

        await using var check = database.NewContext();
        var rows = await check.AlertDeliveries.OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(1, released);
        Assert.Equal((null, now), (rows[0].ClaimedBy, rows[0].NextAttemptAt));
        Assert.Equal(["alive", "check-on-a-laptop", "survivor"], rows.Skip(1).Select(r => r.ClaimedBy));
        Assert.All(rows.Skip(1), r => Assert.True(r.NextAttemptAt > now));
    }
}

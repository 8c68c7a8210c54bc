using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StockBot.Core.Cluster;
using StockBot.Core.Configuration;
using StockBot.Core.Operations;
using StockBot.Data.Providers;

namespace StockBot.Core.Monitoring;

/// <summary>
/// Several instances on one database read each website once per Monitoring:Interval: before a read the instance claims
/// the website's website_leases row by compare-and-set, after it records the read and frees the row. The instance that
/// read a website last keeps reading it on its own schedule; another takes it only when the website is free (no read
/// in flight, or the lease ran out: the holder died) and due (its last read is older than an interval). A single
/// instance therefore reads as it always did, and on SQLite (one instance's file) nothing is leased at all. Only a running service leases (<see cref="ClusterMembership.Joined"/>):
/// a hand-run `check` reads every website, and the stale-read guard keeps its older news out of the history.
/// </summary>
public sealed class WebsiteLeases(IServiceScopeFactory scopes, ClusterMembership membership, InstanceIdentity instance, DatabaseDialect dialect, IOptions<MonitoringOptions> options)
{
    /// <summary>How long a claim holds before another instance may take it: a read's worst case (two request timeouts) and a margin.</summary>
    public TimeSpan LeaseFor => options.Value.RequestTimeout * 2 + TimeSpan.FromSeconds(2);

    public bool Active => membership.Joined && dialect.SharedByInstances;

    /// <summary>True when this instance may read <paramref name="websiteId"/> in the cycle that began at <paramref name="cycleStarted"/>.</summary>
    public async Task<bool> TryClaimAsync(int websiteId, DateTime cycleStarted, DateTime now, CancellationToken cancellationToken)
    {
        if (!Active)
        {
            return true;
        }

        var me = instance.Name;
        var until = now + LeaseFor;
        var dueBefore = cycleStarted - options.Value.Interval;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
        var claimed = await db.WebsiteLeases
            .Where(l => l.WebsiteId == websiteId
                && (l.Instance == me || ((l.LeasedUntil == null || l.LeasedUntil < now) && (l.LastReadAt == null || l.LastReadAt < dueBefore))))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Instance, me).SetProperty(l => l.LeasedUntil, until), cancellationToken);
        if (claimed > 0)
        {
            return true;
        }

        if (await db.WebsiteLeases.AnyAsync(l => l.WebsiteId == websiteId, cancellationToken))
        {
            return false;
        }

        db.WebsiteLeases.Add(new WebsiteLease { WebsiteId = websiteId, Instance = me, LeasedUntil = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance made the row first: it reads the website this time.
            return false;
        }
    }

    /// <summary>The read is in (or failed): recorded as this cycle's (null: cut short, not recorded), and the website free again.</summary>
    public async Task ReleaseAsync(int websiteId, DateTime? cycleStarted)
    {
        if (!Active)
        {
            return;
        }

        var me = instance.Name;
        await using var scope = scopes.CreateAsyncScope();
        var held = scope.ServiceProvider.GetRequiredService<StockBotDbContext>().WebsiteLeases.Where(l => l.WebsiteId == websiteId && l.Instance == me);
        await (cycleStarted is { } readAt
            ? held.ExecuteUpdateAsync(s => s.SetProperty(l => l.LeasedUntil, (DateTime?)null).SetProperty(l => l.LastReadAt, readAt), CancellationToken.None)
            : held.ExecuteUpdateAsync(s => s.SetProperty(l => l.LeasedUntil, (DateTime?)null), CancellationToken.None));
    }
}

using Microsoft.Extensions.Options;
using StockBot.Core.Configuration;

namespace StockBot.Core.Cluster;

public sealed record ClusterInstanceView(string Name, DateTime StartedAt, DateTime LastSeenAt, string? Version, bool Alive);

public sealed record ClusterLeaderView(string Role, string Instance, DateTime Since, DateTime ExpiresAt, bool Valid);

public sealed record WebsiteLeaseView(int WebsiteId, string Website, string Instance, DateTime LeasedUntil);

public sealed record ClusterStatus(IReadOnlyList<ClusterInstanceView> Instances, IReadOnlyList<ClusterLeaderView> Leaders, IReadOnlyList<WebsiteLeaseView> Leases);

/// <summary>`stockbot cluster status`: the instances (alive when seen within Cluster:FailoverAfter), the leaders per role, the leases held now.</summary>
public sealed class ClusterStatusQuery(StockBotDbContext db, IOptions<ClusterOptions> options, TimeProvider time)
{
    public async Task<ClusterStatus> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var aliveAfter = now - options.Value.FailoverAfter;
        var instances = await db.ClusterInstances.AsNoTracking().OrderBy(i => i.Name).ToListAsync(cancellationToken);
        var leaders = await db.ClusterLeaders.AsNoTracking().OrderBy(l => l.Role).ToListAsync(cancellationToken);
        var leases = await db.WebsiteLeases.AsNoTracking()
            .Where(l => l.LeasedUntil != null && l.LeasedUntil >= now && l.Instance != null)
            .OrderBy(l => l.WebsiteId)
            .Select(l => new WebsiteLeaseView(l.WebsiteId, l.Website!.Name, l.Instance!, l.LeasedUntil!.Value))
            .ToListAsync(cancellationToken);
        return new ClusterStatus(
            [.. instances.Select(i => new ClusterInstanceView(i.Name, i.StartedAt, i.LastSeenAt, i.Version, i.LastSeenAt >= aliveAfter))],
            [.. leaders.Select(l => new ClusterLeaderView(l.Role, l.Instance, l.AcquiredAt, l.ExpiresAt, l.ExpiresAt >= now))],
            leases);
    }
}

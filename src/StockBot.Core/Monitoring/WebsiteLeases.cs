using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StockBot.Core.Cluster;
using StockBot.Core.Configuration;
using StockBot.Core.Operations;
using StockBot.Data.Providers;

namespace StockBot.Core.Monitoring;

/// <summary>
/// Several instances on one database read each website once per Monitoring:Interval: before a read the instance claims
/// the website's website_leases row by compare-and-set (one upsert), and the write that records the read frees the row in
/// the same transaction (<see cref="LeaseRelease"/>). The instance that
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

    // One round trip, and a compare-and-set under the row lock either way: the row is made by the first claim ever,
    // and taken over only from this instance itself or when it is free and due. No row back: another instance has it.
    private const string ClaimSql = """
        INSERT INTO website_leases (website_id, instance, leased_until, last_read_at)
        VALUES (@website, @instance, @until, NULL)
        ON CONFLICT (website_id) DO UPDATE SET instance = excluded.instance, leased_until = excluded.leased_until
        WHERE website_leases.instance = excluded.instance
           OR ((website_leases.leased_until IS NULL OR website_leases.leased_until < @now)
               AND (website_leases.last_read_at IS NULL OR website_leases.last_read_at < @due))
        RETURNING website_id
        """;

    /// <summary>The claim's statement, for the test that holds its columns to the EF Core model.</summary>
    internal static string Statement => ClaimSql;

    /// <summary>True when this instance may read <paramref name="websiteId"/> in the cycle that began at <paramref name="cycleStarted"/>.</summary>
    public async Task<bool> TryClaimAsync(int websiteId, DateTime cycleStarted, DateTime now, CancellationToken cancellationToken)
    {
        if (!Active)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = ClaimSql;
            Add(command, "@website", websiteId);
            Add(command, "@instance", instance.Name);
            Add(command, "@until", now + LeaseFor);
            Add(command, "@now", now);
            Add(command, "@due", cycleStarted - options.Value.Interval);
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>What frees the website's lease in the write that records this cycle's read of it (null when nothing is leased).</summary>
    internal LeaseRelease? ReleaseOf(int websiteId, DateTime cycleStarted) =>
        Active ? new LeaseRelease(websiteId, instance.Name, cycleStarted) : null;

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

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

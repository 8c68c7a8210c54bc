using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Configuration;
using StockBot.Core.Operations;

namespace StockBot.Core.Cluster;

/// <summary>
/// This instance's row in cluster_instances: written when `run` starts, its heartbeat while it runs, and on a
/// graceful stop its website leases and bot leadership given up at once so another instance takes over without waiting.
/// Only the long-running service joins; a one-shot command (`check`) never does. Each heartbeat also frees the alert
/// claims of an instance whose own heartbeat stopped (killed mid-send), so a survivor sends them within FailoverAfter.
/// </summary>
public sealed partial class ClusterMembership(
    IServiceScopeFactory scopes, InstanceIdentity instance, IOptions<ClusterOptions> options, TimeProvider time, ILogger<ClusterMembership> logger)
{
    private static readonly string? AppVersion = TextLimit.Clip(
        typeof(ClusterMembership).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "", 50);

    private volatile bool joined;

    /// <summary>True while this process is a running service instance (it leases websites).</summary>
    public bool Joined => joined;

    public InstanceIdentity Instance => instance;

    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
        var updated = await db.ClusterInstances.Where(i => i.Name == instance.Name)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.StartedAt, now).SetProperty(i => i.LastSeenAt, now).SetProperty(i => i.Version, AppVersion), cancellationToken);
        if (updated == 0)
        {
            db.ClusterInstances.Add(new ClusterInstance { Name = instance.Name, StartedAt = now, LastSeenAt = now, Version = AppVersion });
            await db.SaveChangesAsync(cancellationToken);
        }

        joined = true;
    }

    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
        await db.ClusterInstances.Where(i => i.Name == instance.Name)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LastSeenAt, now), cancellationToken);
        var released = await scope.ServiceProvider.GetRequiredService<AlertOutbox>().ReleaseDeadInstancesClaimsAsync(now, options.Value.FailoverAfter, cancellationToken);
        if (released > 0)
        {
            LogDeadClaimsReleased(logger, released);
        }
    }

    /// <summary>A graceful stop: the website leases held now freed, the bot roles left (each front end leaves its own too).</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        joined = false;
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
        await db.WebsiteLeases.Where(l => l.Instance == instance.Name && l.LeasedUntil != null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeasedUntil, (DateTime?)null), cancellationToken);
        await db.ClusterLeaders.Where(l => l.Instance == instance.Name).ExecuteDeleteAsync(cancellationToken);
        await db.ClusterInstances.Where(i => i.Name == instance.Name)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LastSeenAt, now), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster: {Count} alert(s) claimed by an instance that stopped answering are due again; this instance sends them")]
    private static partial void LogDeadClaimsReleased(ILogger logger, int count);
}

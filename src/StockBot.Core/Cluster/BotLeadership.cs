using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Configuration;
using StockBot.Core.Operations;

namespace StockBot.Core.Cluster;

/// <summary>
/// Exactly one instance runs each role (a chat front end names its own: `telegram`, `discord`): a cluster_leaders row
/// taken by compare-and-set, renewed every Cluster:FailoverAfter / 3 and valid for two renewals. A standby looks every sixth
/// and takes an expired row, so a dead leader's role moves within FailoverAfter, its front end started. A leader that finds its row taken stops
/// its front end at once; one that cannot reach the database keeps running (nobody can take the row meanwhile
/// through the same database). A graceful stop deletes the row, so the takeover is immediate. A database that does not
/// answer (a server restart) is one line per role until a check goes through again, not a stack trace per look.
/// </summary>
public sealed partial class BotLeadership(
    IServiceScopeFactory scopes,
    InstanceIdentity instance,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    StockBotMetrics metrics,
    ILogger<BotLeadership> logger)
{
    // The roles whose last check met a database fault: logged once, until a check goes through again.
    private readonly ConcurrentDictionary<string, bool> faulted = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="lead"/> while this instance leads <paramref name="role"/>, with a token that is cancelled
    /// when the leadership is lost; waits as standby before and after. Returns when the host stops, or when
    /// <paramref name="lead"/> ends by itself (the front end gave up), leaving the role free.
    /// </summary>
    public async Task RunAsync(string role, Func<CancellationToken, Task> lead, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await WaitForLeadershipAsync(role, stoppingToken))
            {
                return;
            }

            using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var keeping = KeepAsync(role, lost);
            var wasLost = false;
            try
            {
                await lead(lost.Token);
            }
            catch (OperationCanceledException) when (lost.IsCancellationRequested)
            {
            }
            finally
            {
                wasLost = lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested;
                await lost.CancelAsync();
                await keeping;
                metrics.LeaderChanged(role, instance.Name, leading: false);
                if (!wasLost)
                {
                    await ReleaseAsync(role);
                }
            }

            // A front end that ended by itself (Discord refused the token: 4004) stays ended; only a lost lease waits to lead again.
            if (!wasLost)
            {
                return;
            }

            LogLost(logger, role, instance.Name);
        }
    }

    /// <summary>One compare-and-set: the row is this instance's (renewed) or expired (taken); false when another holds it.</summary>
    public async Task<bool> TryAcquireAsync(string role, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + options.Value.LeaseFor;
        var me = instance.Name;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StockBotDbContext>();
        var updated = await db.ClusterLeaders
            .Where(l => l.Role == role && (l.Instance == me || l.ExpiresAt < now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(l => l.AcquiredAt, l => l.Instance == me ? l.AcquiredAt : now)
                    .SetProperty(l => l.Instance, me)
                    .SetProperty(l => l.ExpiresAt, until),
                cancellationToken);
        if (updated > 0)
        {
            return true;
        }

        if (await db.ClusterLeaders.AnyAsync(l => l.Role == role, cancellationToken))
        {
            return false;
        }

        db.ClusterLeaders.Add(new ClusterLeader { Role = role, Instance = me, ExpiresAt = until, AcquiredAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the row first: it leads.
            return false;
        }
    }

    private async Task<bool> WaitForLeadershipAsync(string role, CancellationToken stoppingToken)
    {
        var standby = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var acquired = await TryAcquireAsync(role, stoppingToken);
                faulted.TryRemove(role, out _);
                if (acquired)
                {
                    LogLeading(logger, role, instance.Name);
                    metrics.LeaderChanged(role, instance.Name, leading: true);
                    return true;
                }

                if (!standby)
                {
                    standby = true;
                    LogStandby(logger, role, instance.Name);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                CheckFailed(ex, role);
            }

            try
            {
                await Task.Delay(options.Value.StandbyLookEvery, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Renews every third of FailoverAfter; cancels <paramref name="lost"/> when another instance holds the row.</summary>
    private async Task KeepAsync(string role, CancellationTokenSource lost)
    {
        var token = lost.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.RenewEvery, time, token);
                var kept = await TryAcquireAsync(role, token);
                faulted.TryRemove(role, out _);
                if (!kept)
                {
                    await lost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                CheckFailed(ex, role);
            }
        }
    }

    /// <summary>Gives the role up now (a graceful stop), if this instance holds it.</summary>
    public async Task ReleaseAsync(string role)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var me = instance.Name;
            await scope.ServiceProvider.GetRequiredService<StockBotDbContext>().ClusterLeaders
                .Where(l => l.Role == role && l.Instance == me)
                .ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            CheckFailed(ex, role);
        }
    }

    private void CheckFailed(Exception exception, string role)
    {
        if (!DatabaseFaults.IsFault(exception))
        {
            LogCheckFailed(logger, exception, role);
        }
        else if (faulted.TryAdd(role, true))
        {
            LogCheckFailedDatabase(logger, role);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster: instance {Instance} leads {Role}")]
    private static partial void LogLeading(ILogger logger, string role, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster: instance {Instance} stands by for {Role}; another instance leads it")]
    private static partial void LogStandby(ILogger logger, string role, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster: instance {Instance} lost {Role} to another instance; stopped it and stands by")]
    private static partial void LogLost(ILogger logger, string role, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster: the {Role} leadership could not be checked; trying again")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster: the {Role} leadership could not be checked: the database does not answer; a leader keeps its bot meanwhile, trying again")]
    private static partial void LogCheckFailedDatabase(ILogger logger, string role);
}

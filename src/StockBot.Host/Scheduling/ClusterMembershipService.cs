using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Cluster;
using StockBot.Core.Configuration;

namespace StockBot.Host.Scheduling;

/// <summary>
/// This instance in cluster_instances while `run` runs: joined at start (before the first cycle leases a website), a
/// heartbeat every Cluster:FailoverAfter / 3, and on a graceful stop its leases and leadership freed at once.
/// </summary>
public sealed partial class ClusterMembershipService(
    ClusterMembership membership,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    DatabaseFaultLog faults,
    ILogger<ClusterMembershipService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await membership.JoinAsync(cancellationToken);
        LogJoined(logger, membership.Instance.Name);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.RenewEvery, time, stoppingToken);
                await membership.HeartbeatAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (faults.Handled(ex))
            {
            }
            catch (Exception ex)
            {
                LogHeartbeatFailed(logger, ex);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await membership.LeaveAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogHeartbeatFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster: instance {Instance} joined")]
    private static partial void LogJoined(ILogger logger, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster: this instance's heartbeat was not recorded")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);
}

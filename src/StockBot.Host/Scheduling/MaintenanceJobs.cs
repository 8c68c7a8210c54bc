using Coravel.Invocable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockBot.Core.Maintenance;
using StockBot.Core.Operations;

namespace StockBot.Host.Scheduling;

/// <summary>Daily: thin old unchanged samples, drop old delivered alerts.</summary>
public sealed partial class RetentionJob(IServiceScopeFactory scopes, DatabaseFaultLog faults, ILogger<RetentionJob> logger) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().ApplyRetentionAsync(CancellationToken);
            LogRetention(logger, result.UnchangedRecordsThinned, result.DeliveredAlertsDeleted);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (faults.Handled(ex))
        {
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: thinned {Records} unchanged stock record(s), deleted {Alerts} delivered alert(s)")]
    private static partial void LogRetention(ILogger logger, int records, int alerts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention failed; it runs again tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Writes each connected bot's heartbeat to bot_state, where `stockbot health` (another process) reads it.</summary>
public sealed partial class BotHeartbeatJob(IEnumerable<IBotConnection> bots, IServiceScopeFactory scopes, TimeProvider time, DatabaseFaultLog faults, ILogger<BotHeartbeatJob> logger) : IInvocable
{
    public async Task Invoke()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var state = scope.ServiceProvider.GetRequiredService<BotStateStore>();
            foreach (var bot in bots.Where(b => b.IsConnected))
            {
                await state.SetAsync(HealthCheck.HeartbeatKey(bot.Platform), time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture), CancellationToken.None);
            }
        }
        catch (Exception ex) when (faults.Handled(ex))
        {
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the bots' heartbeat")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

using Coravel.Invocable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Alerts;
using StockBot.Core.Configuration;
using StockBot.Core.Monitoring;

namespace StockBot.Host.Scheduling;

/// <summary>
/// Coravel calls this every second and it runs a cycle once Monitoring:Interval has passed since
/// the last one began (the first at start), so any interval works and cycles never overlap.
/// </summary>
public sealed partial class MonitoringCycleJob(
    MonitoringCycle cycle,
    CycleClock clock,
    IOptions<MonitoringOptions> options,
    DatabaseFaultLog faults,
    ILogger<MonitoringCycleJob> logger) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        if (!clock.TryStart(options.Value.Interval))
        {
            return;
        }

        try
        {
            await cycle.RunAsync(CancellationToken);
            faults.Written();
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            LogStopped(logger);
        }
        catch (Exception ex) when (faults.Handled(ex))
        {
        }
        catch (Exception ex)
        {
            LogCycleFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitoring cycle stopped: shutting down")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Monitoring cycle failed; the next one runs on schedule")]
    private static partial void LogCycleFailed(ILogger logger, Exception exception);
}

/// <summary>Retries of failed sends between cycles.</summary>
public sealed partial class AlertDispatchJob(IServiceScopeFactory scopes, DatabaseFaultLog faults, ILogger<AlertDispatchJob> logger) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AlertDispatcher>().DispatchAsync(CancellationToken);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (faults.Handled(ex))
        {
        }
        catch (Exception ex)
        {
            LogDispatchFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert dispatch failed; pending alerts stay pending")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}

/// <summary>When the last cycle began, in this process: the gate that spaces cycles by Monitoring:Interval.</summary>
public sealed class CycleClock(TimeProvider time)
{
    private readonly Lock gate = new();
    private DateTimeOffset? lastStart;

    public bool TryStart(TimeSpan interval)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (lastStart is { } started && now - started < interval)
            {
                return false;
            }

            lastStart = now;
            return true;
        }
    }
}

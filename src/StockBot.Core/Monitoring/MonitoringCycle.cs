using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Alerts;
using StockBot.Core.Operations;

namespace StockBot.Core.Monitoring;

/// <summary>One cycle as the schedule, `check`, `demo` and the tests run it, and what it did.</summary>
public sealed record MonitoringCycleResult(CycleResult Cycle, DispatchResult Alerts);

/// <summary>
/// The one run-a-cycle sequence: the engine's cycle, the last cycle kept in bot state for `status` and
/// health checks, then the pending alerts sent. The follow-up work shares one DI scope per run.
/// </summary>
public sealed class MonitoringCycle(MonitoringEngine engine, IServiceScopeFactory scopes, Monitors.CycleSignal signal)
{
    public async Task<MonitoringCycleResult> RunAsync(CancellationToken cancellationToken)
    {
        var cycle = await engine.RunCycleAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BotStateStore>().SaveLastCycleAsync(cycle, cancellationToken);
        signal.CycleFinished();
        var alerts = await scope.ServiceProvider.GetRequiredService<AlertDispatcher>().DispatchAsync(cancellationToken);
        return new MonitoringCycleResult(cycle, alerts);
    }
}

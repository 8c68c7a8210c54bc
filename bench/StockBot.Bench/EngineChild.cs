using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Cluster;
using StockBot.Core.Monitoring;

namespace StockBot.Bench;

/// <summary>
/// One engine instance of `--instances 2` in a process of its own (`--serve-engine NAME`), so its memory and CPU are
/// its own: joins the cluster as NAME on the shared database, then runs a cycle per "cycle" line and answers with a JSON line.
/// The encryption key comes from the parent's environment (STOCKBOT_BENCH_KEY), not the command line.
/// </summary>
internal static class EngineChild
{
    public const string KeyVariable = "STOCKBOT_BENCH_KEY";

    public static async Task ServeAsync(BenchOptions options, string instanceName, CancellationToken ct)
    {
        var key = Environment.GetEnvironmentVariable(KeyVariable) ?? throw new BenchFailure($"{KeyVariable} is not set");
        var config = Benchmark.Configuration(options, options.Connection ?? throw new BenchFailure("--serve-engine needs --connection"), key, instanceName);
        await using var provider = Benchmark.Services(config).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.GetRequiredService<ClusterMembership>().JoinAsync(ct);
        var engine = provider.GetRequiredService<MonitoringEngine>();
        MemorySampler? memory = null;
        var cpuBefore = TimeSpan.Zero;
        await SimulatorChild.ServeAsync(0, async command =>
        {
            switch (command)
            {
                case "cycle":
                    var started = Stopwatch.GetTimestamp();
                    var result = await engine.RunCycleAsync(ct);
                    return JsonSerializer.Serialize(new EngineCycle(
                        result.MonitorsChecked, result.WebsitesChecked, result.WebsitesSkipped, result.Changes, result.Events, result.AlertsQueued, result.Errors,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                case "measure start":
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    cpuBefore = SimulatorChild.ProcessCpu();
                    memory = MemorySampler.Start();
                    return "ok";
                case "measure stop":
                    var cpu = SimulatorChild.ProcessCpu() - cpuBefore;
                    memory?.Stop();
                    return JsonSerializer.Serialize(new EngineMeasure(
                        cpu.TotalMilliseconds, memory?.PeakWorkingSetMb ?? 0, memory?.PeakHeapMb ?? 0, MemorySampler.LifetimePeakMb(), MemorySampler.HeapAfterFullGcMb()));
                default:
                    return null;
            }
        }, ct);
    }

    public static string Text(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

internal sealed record EngineCycle(int Monitors, int Websites, int Skipped, int Changes, int Events, int Alerts, int Errors, double Ms);

internal sealed record EngineMeasure(double CpuMs, double PeakWorkingSetMb, double PeakHeapMb, double LifetimePeakMb, double HeapAfterGcMb);

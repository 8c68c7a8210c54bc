using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StockBot.Bench;

/// <summary>
/// `--instances 2`: two engine children (<see cref="EngineChild"/>) on the same simulator and PostgreSQL database, each
/// cycle started in both at once. Website leases split the websites; the simulator counts the reads of each website.
/// </summary>
internal sealed class ClusterRun(BenchOptions options, ApiStores stores, BenchPostgres postgres, string key)
{
    private const double MoveFraction = 0.10;

    public async Task<string> RunAsync(CancellationToken ct)
    {
        Environment.SetEnvironmentVariable(EngineChild.KeyVariable, key);
        var names = new[] { "bench-a", "bench-b" };
        var engines = new List<SimulatorChild>();
        try
        {
            foreach (var name in names)
            {
                engines.Add(await SimulatorChild.LaunchAsync(
                    [
                        "--serve-engine", name, "--provider", "postgres", "--connection", postgres.ConnectionString,
                        "--concurrency", SimulatorChild.Text(options.Concurrency),
                    ],
                    ct));
            }

            Progress.Say("two engine instances joined; warm-up cycle in both");
            var warm = await CycleAsync(engines, "warm-up", ct);
            Progress.Say($"warm-up: {warm.Wall:F0} ms, websites {string.Join(" / ", warm.Cycles.Select(c => c.Monitors / options.Products))}");

            var writesBefore = await postgres.TableWritesAsync(ct);
            foreach (var engine in engines)
            {
                await engine.AskAsync("measure start", ct);
            }

            var cycles = new List<(double Wall, EngineCycle[] Cycles, int ReadOnce, int ReadTwice, int NotRead)>();
            for (var i = 1; i <= options.Cycles; i++)
            {
                await stores.MoveStockAsync(MoveFraction, ct);
                cycles.Add(await CycleAsync(engines, $"cycle {i}", ct));
                var last = cycles[^1];
                Progress.Say($"cycle {i}/{options.Cycles}: {last.Wall:F0} ms wall, instances {string.Join(" / ", last.Cycles.Select(c => $"{c.Monitors / options.Products} websites in {c.Ms:F0} ms"))}; read once {last.ReadOnce}, twice+ {last.ReadTwice}, not read {last.NotRead}");
            }

            var measures = new List<EngineMeasure>();
            foreach (var engine in engines)
            {
                measures.Add(JsonSerializer.Deserialize<EngineMeasure>(await engine.AskAsync("measure stop", ct))!);
            }

            var writes = BenchPostgres.Delta(writesBefore, await postgres.TableWritesAsync(ct));
            return Report(names, cycles, measures, writes);
        }
        finally
        {
            foreach (var engine in engines)
            {
                await engine.DisposeAsync();
            }
        }
    }

    private async Task<(double Wall, EngineCycle[] Cycles, int ReadOnce, int ReadTwice, int NotRead)> CycleAsync(List<SimulatorChild> engines, string what, CancellationToken ct)
    {
        var before = await stores.RequestCountsAsync(ct);
        var started = Stopwatch.GetTimestamp();
        var answers = await Task.WhenAll(engines.Select(e => e.AskAsync("cycle", ct)));
        var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var after = await stores.RequestCountsAsync(ct);
        var cycles = answers.Select(a => JsonSerializer.Deserialize<EngineCycle>(a)!).ToArray();
        var reads = after.Zip(before, (a, b) => a - b).ToArray();
        if (cycles.Sum(c => c.Errors) > 0 || cycles.Sum(c => c.Monitors) != options.Monitors)
        {
            throw new BenchFailure($"{what}: {cycles.Sum(c => c.Monitors)} of {options.Monitors} monitors checked, {cycles.Sum(c => c.Errors)} error(s); the figures would not mean anything");
        }

        return (wall, cycles, reads.Count(r => r == 1), reads.Count(r => r > 1), reads.Count(r => r == 0));
    }

    private string Report(string[] names, List<(double Wall, EngineCycle[] Cycles, int ReadOnce, int ReadTwice, int NotRead)> cycles, List<EngineMeasure> measures, IReadOnlyDictionary<string, TableWrites> writes)
    {
        var s = new StringBuilder();
        var n = (double)cycles.Count;
        void Line(string label, string value) => s.Append(CultureInfo.InvariantCulture, $"  {label,-40} {value}").AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"StockBot bench, 2 instances on PostgreSQL: {options.Websites} websites x {options.Products} products = {options.Monitors} monitors, latency {options.LatencyMs} ms, concurrency {options.Concurrency} each, {cycles.Count} cycles");
        s.AppendLine(CultureInfo.InvariantCulture, $"  ({Environment.ProcessorCount} cores; each instance a process of its own; simulator in a child process)");
        s.AppendLine();
        var wall = cycles.Select(c => c.Wall).ToList();
        var wholeFloor = Math.Ceiling(options.Websites / (double)options.Concurrency) * options.LatencyMs;
        Line("cycle wall time (both), median / max", $"{Stats.Median(wall):F1} / {wall.Max():F1} ms  = {Stats.Median(wall) / wholeFloor:F3}x one instance's floor for all websites ({wholeFloor:F0} ms)");
        Line("websites read exactly once, per cycle", $"{cycles.Min(c => c.ReadOnce)} min of {options.Websites}; read twice or more: {cycles.Sum(c => c.ReadTwice)} in all cycles; not read: {cycles.Sum(c => c.NotRead)}");
        for (var i = 0; i < names.Length; i++)
        {
            var own = cycles.Select(c => c.Cycles[i]).ToList();
            var websites = own.Select(c => c.Monitors / (double)options.Products).ToList();
            var share = Stats.Median(websites);
            var floor = Math.Ceiling(share / options.Concurrency) * options.LatencyMs;
            var ms = Stats.Median(own.Select(c => c.Ms).ToList());
            var monitors = own.Sum(c => (long)c.Monitors);
            var m = measures[i];
            Line($"{names[i]}: websites per cycle (min-max)", $"{websites.Min():F0}-{websites.Max():F0}");
            Line($"{names[i]}: cycle median / floor of its share", $"{ms:F1} / {floor:F0} ms = {ms / floor:F3}x  (target <= {BenchResults.RatioTarget}: {(ms / floor <= BenchResults.RatioTarget ? "met" : "MISSED")})");
            Line($"{names[i]}: CPU per monitor", $"{m.CpuMs * 1000 / monitors:F1} us  ({m.CpuMs / n:F0} ms per cycle)");
            Line($"{names[i]}: peak working set during cycles", $"{m.PeakWorkingSetMb:F1} MiB  (GC heap peak {m.PeakHeapMb:F1}, lifetime {m.LifetimePeakMb:F1}, after full GC {m.HeapAfterGcMb:F1}; {BenchResults.PeakTargetText}: {(BenchResults.WithinPeak(m.PeakWorkingSetMb) ? "met" : "MISSED")})");
            Line($"{names[i]}: changes / events / alerts per cycle", $"{own.Average(c => c.Changes):F0} / {own.Average(c => c.Events):F0} / {own.Average(c => c.Alerts):F0}");
        }

        Line("rows written per cycle (pg_stat, both)", $"{writes.Values.Sum(w => w.Inserts) / n:F1} inserted, {writes.Values.Sum(w => w.Updates) / n:F1} updated, {writes.Values.Sum(w => w.Deletes) / n:F1} deleted");
        foreach (var (table, w) in writes)
        {
            Line($"  {table}", $"{w.Inserts / n:F1} ins, {w.Updates / n:F1} upd, {w.Deletes / n:F1} del");
        }

        return s.ToString();
    }
}

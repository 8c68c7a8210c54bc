using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace StockBot.Bench;

internal sealed class BenchResults
{
    public BenchOptions Options { get; set; } = null!;
    public double SetupSeconds { get; set; }
    public long WarmUpMs { get; set; }
    public IReadOnlyList<double> CycleTimes { get; set; } = [];
    public long MonitorsChecked { get; set; }
    public long Changes { get; set; }
    public long Events { get; set; }
    public long AlertsQueued { get; set; }
    public long ProductsMoved { get; set; }
    public TimeSpan CpuRaw { get; set; }
    public long CycleRequests { get; set; }
    public long AllocatedBytes { get; set; }
    public (int Gen0, int Gen1, int Gen2) Gc { get; set; }
    public RowCounts RowsDelta { get; set; }
    public long DbBytesBefore { get; set; }
    public long DbBytesAfter { get; set; }
    public RowCounts UnchangedDelta { get; set; }
    public long UnchangedCycleMs { get; set; }
    public TimeSpan CalibrationCpuPerRequest { get; set; }
    public double CalibrationRoundMs { get; set; }
    public IReadOnlyList<ProfileLine> Profile { get; set; } = [];
    public IReadOnlyDictionary<string, string> ProfileSql { get; set; } = new Dictionary<string, string>();
    public int ProfileCycles { get; set; }
    public double ProfileWallMs { get; set; }
    public double ZeroLatencyCycleMs { get; set; } = double.NaN;
    public int HistoryRecordsInserted { get; set; }
    public IReadOnlyDictionary<string, TableWrites> TableWrites { get; set; } = new Dictionary<string, TableWrites>();
    public string? ClusterReport { get; set; }
    public double HistoryInsertSeconds { get; set; }
    public string HistoryPlan { get; set; } = string.Empty;
    public IReadOnlyList<double> HistoryTimes { get; set; } = [];
    public double CycleAfterHistoryMs { get; set; }
    public int HistoryGcs { get; set; }
    public IReadOnlyList<double> HistoryRawTimes { get; set; } = [];
    public IReadOnlyList<ProfileLine> ProfileAfterHistory { get; set; } = [];
    public double PeakMb { get; set; }

    /// <summary>The lifetime peak working set when the measured cycles start (setup and warm-up).</summary>
    public double SetupPeakMb { get; set; }

    /// <summary>The peak working set sampled during the measured cycles only.</summary>
    public double CyclePeakMb { get; set; }

    public double CyclePeakHeapMb { get; set; }

    public double HeapAfterGcMb { get; set; }

    public bool SimulatorOutOfProcess { get; set; }

    public int Cycles => CycleTimes.Count;
    public double CycleMs => Stats.Median(CycleTimes);
    public double CycleP95Ms => Stats.Percentile(CycleTimes, 95);
    public double FloorMs => Math.Ceiling(Options.Websites / (double)Options.Concurrency) * Options.LatencyMs;
    public double? Ratio => FloorMs > 0 ? CycleMs / FloorMs : null;
    public double CpuRawUsPerMonitor => CpuRaw.TotalMicroseconds / MonitorsChecked;
    public double SimulatorCpuUs => CalibrationCpuPerRequest.TotalMicroseconds * CycleRequests;
    public double CpuNetUsPerMonitor => Math.Max(0, CpuRaw.TotalMicroseconds - SimulatorCpuUs) / MonitorsChecked;
    public double RowsPerCycle => RowsDelta.Total / (double)Cycles;
    public double DbGrowthPerCycle => (DbBytesAfter - DbBytesBefore) / (double)Cycles;
    public double HistoryP50 => Stats.Percentile(HistoryTimes, 50);
    public double HistoryP99 => Stats.Percentile(HistoryTimes, 99);

    // Issue 14's targets: a cycle within 1.25x its network floor, at most 250 MB (decimal: 238.4 MiB) per instance.
    public const double RatioTarget = 1.25;
    public const double PeakTargetMib = 250_000_000 / (1024.0 * 1024.0);
    public static readonly string PeakTargetText = $"target <= 250 MB ({PeakTargetMib:F1} MiB)";

    public static bool WithinPeak(double workingSetMib) => workingSetMib <= PeakTargetMib;

    public bool RatioMet => Ratio is null || Ratio <= RatioTarget;
    public bool PeakMet => WithinPeak(CyclePeakMb);
    public bool CpuMet => CpuNetUsPerMonitor <= 30;
    public bool UnchangedMet => UnchangedDelta.StockRecords == 0;
    public bool HistoryMet => HistoryP99 <= 5;
}

internal static class Report
{
    private static readonly JsonWriterOptions Indented = new() { Indented = false };

    public static string Json(BenchResults r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Indented))
        {
            w.WriteStartObject();
            w.WriteNumber("cycle_ms", Round(r.CycleMs, 1));
            w.WriteNumber("floor_ms", r.FloorMs);
            if (r.Ratio is { } ratio)
            {
                w.WriteNumber("ratio", Round(ratio, 3));
            }
            else
            {
                w.WriteNull("ratio");
            }

            w.WriteNumber("cpu_us_per_monitor", Round(r.CpuNetUsPerMonitor, 1));
            w.WriteNumber("rows_per_cycle", Round(r.RowsPerCycle, 1));
            w.WriteNumber("history_p99_ms", Round(r.HistoryP99, 3));
            w.WriteNumber("peak_mb", Round(r.PeakMb, 1));
            w.WriteNumber("setup_peak_mb", Round(r.SetupPeakMb, 1));
            w.WriteNumber("cycle_peak_mb", Round(r.CyclePeakMb, 1));
            w.WriteNumber("cycle_peak_gc_heap_mb", Round(r.CyclePeakHeapMb, 1));
            w.WriteNumber("heap_after_full_gc_mb", Round(r.HeapAfterGcMb, 1));
            w.WriteBoolean("simulator_out_of_process", r.SimulatorOutOfProcess);
            w.WriteString("gc", GcSettings());

            w.WriteNumber("cycle_p95_ms", Round(r.CycleP95Ms, 1));
            w.WriteNumber("cycle_min_ms", Round(r.CycleTimes.Min(), 1));
            w.WriteNumber("cycle_max_ms", Round(r.CycleTimes.Max(), 1));
            w.WriteNumber("cycles", r.Cycles);
            w.WriteNumber("cpu_us_per_monitor_raw", Round(r.CpuRawUsPerMonitor, 1));
            w.WriteNumber("simulator_cpu_us_per_request", Round(r.CalibrationCpuPerRequest.TotalMicroseconds, 1));
            w.WriteNumber("alloc_bytes_per_monitor", Round(r.AllocatedBytes / (double)r.MonitorsChecked, 0));
            w.WriteNumber("gc_gen0", r.Gc.Gen0);
            w.WriteNumber("gc_gen1", r.Gc.Gen1);
            w.WriteNumber("gc_gen2", r.Gc.Gen2);
            w.WriteNumber("monitors_per_cycle", r.MonitorsChecked / r.Cycles);
            w.WriteNumber("changes_per_cycle", Round(r.Changes / (double)r.Cycles, 1));
            w.WriteNumber("events_per_cycle", Round(r.Events / (double)r.Cycles, 1));
            w.WriteNumber("stock_records_per_cycle", Round(r.RowsDelta.StockRecords / (double)r.Cycles, 1));
            w.WriteNumber("monitor_histories_per_cycle", Round(r.RowsDelta.Histories / (double)r.Cycles, 1));
            w.WriteNumber("alert_deliveries_per_cycle", Round(r.RowsDelta.Deliveries / (double)r.Cycles, 1));
            w.WriteNumber("db_growth_bytes_per_cycle", Round(r.DbGrowthPerCycle, 0));
            w.WriteNumber("db_bytes_after_cycles", r.DbBytesAfter);
            w.WriteNumber("unchanged_rows", r.UnchangedDelta.StockRecords);
            w.WriteNumber("unchanged_history_rows", r.UnchangedDelta.Histories);
            w.WriteNumber("history_records", r.HistoryRecordsInserted);
            w.WriteNumber("history_p50_ms", Round(r.HistoryP50, 3));
            w.WriteNumber("history_max_ms", Round(r.HistoryTimes.DefaultIfEmpty(0).Max(), 3));
            w.WriteString("history_plan", r.HistoryPlan);
            w.WriteNumber("history_gcs", r.HistoryGcs);
            w.WriteNumber("history_raw_sql_p50_ms", Round(Stats.Percentile(r.HistoryRawTimes, 50), 3));
            w.WriteNumber("history_raw_sql_p99_ms", Round(Stats.Percentile(r.HistoryRawTimes, 99), 3));
            w.WriteNumber("cycle_after_history_ms", Round(r.CycleAfterHistoryMs, 1));
            if (!double.IsNaN(r.ZeroLatencyCycleMs))
            {
                w.WriteNumber("zero_latency_cycle_ms", Round(r.ZeroLatencyCycleMs, 1));
            }

            w.WriteNumber("setup_s", Round(r.SetupSeconds, 1));
            w.WriteString("experiment", r.Options.Experiment);
            w.WriteStartObject("targets_met");
            w.WriteBoolean("ratio", r.RatioMet);
            w.WriteBoolean("cpu_us_per_monitor", r.CpuMet);
            w.WriteBoolean("unchanged_rows", r.UnchangedMet);
            w.WriteBoolean("history_p99_ms", r.HistoryMet);
            w.WriteBoolean("cycle_peak_mb", r.PeakMet);
            w.WriteEndObject();
            WriteProfile(w, "profile", r.Profile, r.ProfileCycles);
            WriteProfile(w, "profile_after_history", r.ProfileAfterHistory, 1);
            w.WriteStartObject("machine");
            w.WriteNumber("cores", Environment.ProcessorCount);
            w.WriteString("runtime", RuntimeInformation.FrameworkDescription);
            w.WriteString("os", RuntimeInformation.OSDescription);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteProfile(Utf8JsonWriter w, string name, IReadOnlyList<ProfileLine> lines, int cycles)
    {
        w.WriteStartArray(name);
        foreach (var line in lines.Take(12))
        {
            w.WriteStartObject();
            w.WriteString("what", line.What);
            w.WriteNumber("per_cycle_count", Round(line.Count / (double)cycles, 1));
            w.WriteNumber("per_cycle_ms", Round(line.TotalMs / cycles, 1));
            w.WriteNumber("max_ms", Round(line.MaxMs, 2));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The GC the bench ran with (the bench project carries the host's settings).</summary>
    public static string GcSettings()
    {
        var info = GC.GetGCMemoryInfo();
        var limit = AppContext.GetData("GCHeapHardLimit");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, concurrent {AppContext.GetData("System.GC.Concurrent") ?? "default"}, conserve {AppContext.GetData("System.GC.ConserveMemory") ?? "0"}, memory for the GC {(info.TotalAvailableMemoryBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MiB{(limit is null ? string.Empty : " (hard limit)")}{EnvironmentOverrides()}");
    }

    /// <summary>DOTNET_GC* variables override the runtimeconfig: name them, so an experiment is never taken for the shipped settings.</summary>
    private static string EnvironmentOverrides()
    {
        var set = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_gc", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}")
            .ToList();
        return set.Count == 0 ? string.Empty : $"; ENVIRONMENT {string.Join(' ', set)}";
    }

    public static string Table(BenchOptions o, BenchResults r)
    {
        var s = new StringBuilder();
        void Line(string label, string value, string target = "")
        {
            s.Append(CultureInfo.InvariantCulture, $"  {label,-34} {value,-30} {target}").AppendLine();
        }

        string Mark(bool met) => met ? "met" : "MISSED";
        s.AppendLine(CultureInfo.InvariantCulture, $"StockBot bench: {o.Websites} websites x {o.Products} products = {o.Monitors} monitors, latency {o.LatencyMs} ms, concurrency {o.Concurrency}, {r.Cycles} cycles{(o.Experiment == "none" ? string.Empty : $", EXPERIMENT {o.Experiment} (not the engine as shipped)")}");
        s.AppendLine(CultureInfo.InvariantCulture, $"  ({Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}; setup {r.SetupSeconds:F1} s, warm-up cycle {r.WarmUpMs} ms)");
        s.AppendLine();
        Line("cycle wall time, median", $"{r.CycleMs:F1} ms");
        Line("cycle wall time, p95 / max", $"{r.CycleP95Ms:F1} / {r.CycleTimes.Max():F1} ms");
        Line("network floor", $"{r.FloorMs:F0} ms  (ceil({o.Websites}/{o.Concurrency}) x {o.LatencyMs})");
        Line("ratio cycle / floor", r.Ratio is { } ratio ? $"{ratio:F3}" : "n/a (latency 0)", $"target <= {BenchResults.RatioTarget}: {Mark(r.RatioMet)}");
        Line("cycle with zero latency, median", double.IsNaN(r.ZeroLatencyCycleMs) ? "n/a" : $"{r.ZeroLatencyCycleMs:F1} ms");
        Line("CPU per monitor, net of simulator", $"{r.CpuNetUsPerMonitor:F1} us", $"target <= 30: {Mark(r.CpuMet)}");
        Line("CPU per monitor, raw", $"{r.CpuRawUsPerMonitor:F1} us");
        Line("simulator+HttpClient CPU per request", $"{r.CalibrationCpuPerRequest.TotalMicroseconds:F0} us");
        Line("allocated per monitor", $"{r.AllocatedBytes / (double)r.MonitorsChecked:F0} B  (GC {r.Gc.Gen0}/{r.Gc.Gen1}/{r.Gc.Gen2})");
        Line("changes / events per cycle", $"{r.Changes / (double)r.Cycles:F1} / {r.Events / (double)r.Cycles:F1}");
        Line("rows written per cycle", $"{r.RowsPerCycle:F1}");
        Line("  stock_records", $"{r.RowsDelta.StockRecords / (double)r.Cycles:F1}");
        Line("  monitor_histories", $"{r.RowsDelta.Histories / (double)r.Cycles:F1}");
        Line("  alert_deliveries", $"{r.RowsDelta.Deliveries / (double)r.Cycles:F1}");
        Line("database growth per cycle", $"{r.DbGrowthPerCycle / 1024:F1} KiB  ({r.DbBytesAfter / (1024.0 * 1024):F1} MiB after)");
        Line("stock_records of an unchanged cycle", $"{r.UnchangedDelta.StockRecords}", $"target 0: {Mark(r.UnchangedMet)}");
        foreach (var (table, writes) in r.TableWrites)
        {
            Line($"  {table} (pg_stat)", $"{writes.Inserts / (double)r.Cycles:F1} ins, {writes.Updates / (double)r.Cycles:F1} upd, {writes.Deletes / (double)r.Cycles:F1} del");
        }

        if (r.HistoryTimes.Count == 0)
        {
            Line("/history", "not measured (SQLite only)");
        }
        else
        {
            Line("/history (limit 20), p50", $"{r.HistoryP50:F3} ms  ({r.HistoryRecordsInserted:N0} records)");
            Line("/history (limit 20), p99 / max", $"{r.HistoryP99:F3} / {r.HistoryTimes.Max():F3} ms", $"target <= 5: {Mark(r.HistoryMet)}");
            Line("same SQL without EF, p50 / p99", $"{Stats.Percentile(r.HistoryRawTimes, 50):F3} / {Stats.Percentile(r.HistoryRawTimes, 99):F3} ms");
        }

        Line("/history query plan", r.HistoryPlan);
        Line("cycle after history insert", $"{r.CycleAfterHistoryMs:F1} ms");
        Line("peak working set during cycles", $"{r.CyclePeakMb:F1} MiB  (GC heap peak {r.CyclePeakHeapMb:F1} MiB)", $"{BenchResults.PeakTargetText}: {Mark(r.PeakMet)}");
        Line("managed heap after a full GC", $"{r.HeapAfterGcMb:F1} MiB");
        Line("peak working set, setup / lifetime", $"{r.SetupPeakMb:F1} / {r.PeakMb:F1} MiB");
        Line("simulator / GC", $"{(r.SimulatorOutOfProcess ? "child process" : "IN PROCESS (memory and CPU include it)")} / {GcSettings()}");
        if (r.Profile.Count > 0)
        {
            s.AppendLine();
            s.AppendLine(CultureInfo.InvariantCulture, $"EF Core time per cycle (sum over concurrent websites; {r.ProfileCycles} profile cycles, {r.ProfileWallMs:F0} ms wall each):");
            foreach (var line in r.Profile.Take(12))
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"  {line.TotalMs / r.ProfileCycles,9:F1} ms {line.Count / (double)r.ProfileCycles,7:F0}x  max {line.MaxMs,7:F2} ms  {line.What}");
            }
        }

        if (r.ProfileAfterHistory.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("EF Core time of the cycle after the history insert:");
            foreach (var line in r.ProfileAfterHistory.Take(6))
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"  {line.TotalMs,9:F1} ms {line.Count,7}x  max {line.MaxMs,7:F2} ms  {line.What}");
            }
        }

        return s.ToString();
    }

    private static double Round(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : 0;
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace StockBot.Core.Monitoring;

/// <summary>
/// Counters of this process, for /metrics in Prometheus text format. Plain interlocked longs: the
/// engine bumps them a few times per website per cycle, nothing more.
/// </summary>
public sealed class StockBotMetrics
{
    private readonly ConcurrentDictionary<string, long> errorsByKind = new(StringComparer.Ordinal);
    private long cycles;
    private long checks;
    private long alertsSent;
    private long alertsFailed;
    private long alertsRetried;
    private long lastCycleMs;
    private long cycleMsTotal;

    public void CycleFinished(CycleResult result)
    {
        Interlocked.Increment(ref cycles);
        Interlocked.Add(ref checks, result.MonitorsChecked);
        Interlocked.Exchange(ref lastCycleMs, result.DurationMs);
        Interlocked.Add(ref cycleMsTotal, result.DurationMs);
    }

    public void ReadFailed(string kind, int monitors) => errorsByKind.AddOrUpdate(kind, monitors, (_, n) => n + monitors);

    public void AlertsDispatched(int sent, int retried, int failed)
    {
        Interlocked.Add(ref alertsSent, sent);
        Interlocked.Add(ref alertsRetried, retried);
        Interlocked.Add(ref alertsFailed, failed);
    }

    /// <summary>The exposition text; <paramref name="pendingAlerts"/> comes from the outbox table.</summary>
    public string ToPrometheusText(long pendingAlerts)
    {
        var text = new StringBuilder();
        Counter(text, "stockbot_cycles_total", "Monitoring cycles finished", Interlocked.Read(ref cycles));
        Counter(text, "stockbot_checks_total", "Monitor checks (one product of one website read)", Interlocked.Read(ref checks));
        text.Append("# HELP stockbot_check_errors_total Monitor checks that failed, by kind\n# TYPE stockbot_check_errors_total counter\n");
        foreach (var (kind, count) in errorsByKind.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"stockbot_check_errors_total{{kind=\"{kind}\"}} {count}\n");
        }

        Counter(text, "stockbot_alerts_sent_total", "Alerts delivered", Interlocked.Read(ref alertsSent));
        Counter(text, "stockbot_alerts_retried_total", "Alert sends that will be retried", Interlocked.Read(ref alertsRetried));
        Counter(text, "stockbot_alerts_failed_total", "Alerts given up (channel gone)", Interlocked.Read(ref alertsFailed));
        Gauge(text, "stockbot_alerts_pending", "Alerts waiting in the outbox", pendingAlerts);
        Gauge(text, "stockbot_cycle_duration_seconds", "Duration of the last cycle", Interlocked.Read(ref lastCycleMs) / 1000.0);
        Counter(text, "stockbot_cycle_duration_seconds_total", "Sum of cycle durations", Interlocked.Read(ref cycleMsTotal) / 1000.0);
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, double value) => Write(text, name, help, "counter", value);

    private static void Gauge(StringBuilder text, string name, string help, double value) => Write(text, name, help, "gauge", value);

    private static void Write(StringBuilder text, string name, string help, string type, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value}\n");
}

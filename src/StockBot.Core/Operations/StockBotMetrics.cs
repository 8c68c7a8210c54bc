using System.Diagnostics.Metrics;
using StockBot.Core.Monitoring;

namespace StockBot.Core.Operations;

/// <summary>
/// The process's own instruments on the "StockBot" meter; an exporter (Prometheus on /metrics)
/// reads them. The engine and the dispatcher record a few measurements per website per cycle.
/// </summary>
public sealed class StockBotMetrics : IDisposable
{
    public const string MeterName = "StockBot";

    // Cycles take from a fraction of a second (a few sites) to minutes (hundreds, or slow ones).
    private static readonly double[] CycleDurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60, 120, 300];

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly Counter<long> cycles;
    private readonly Counter<long> checks;
    private readonly Counter<long> checkErrors;
    private readonly Counter<long> alertsSent;
    private readonly Counter<long> alertsRetried;
    private readonly Counter<long> alertsFailed;
    private readonly Histogram<double> cycleDuration;
    private long pendingAlerts;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Role, string Instance), int> leaders = new();

    public StockBotMetrics(IMeterFactory meterFactory)
        : this(meterFactory.Create(MeterName), ownsMeter: false)
    {
    }

    /// <summary>Instruments on a meter of their own, for code that runs the engine without a host (tests, the bench).</summary>
    public StockBotMetrics()
        : this(new Meter(MeterName), ownsMeter: true)
    {
    }

    private StockBotMetrics(Meter meter, bool ownsMeter)
    {
        this.meter = meter;
        this.ownsMeter = ownsMeter;
        cycles = meter.CreateCounter<long>("stockbot.cycles", "{cycle}", "Monitoring cycles finished");
        checks = meter.CreateCounter<long>("stockbot.checks", "{check}", "Monitor checks (one product of one website read)");
        checkErrors = meter.CreateCounter<long>("stockbot.check.errors", "{check}", "Monitor checks that failed, by kind");
        alertsSent = meter.CreateCounter<long>("stockbot.alerts.sent", "{alert}", "Alerts delivered");
        alertsRetried = meter.CreateCounter<long>("stockbot.alerts.retried", "{alert}", "Alert sends that will be retried");
        alertsFailed = meter.CreateCounter<long>("stockbot.alerts.failed", "{alert}", "Alerts given up (channel gone)");
        meter.CreateObservableGauge("stockbot.alerts.pending", () => Interlocked.Read(ref pendingAlerts), "{alert}", "Alerts waiting in the outbox");
        meter.CreateObservableGauge("stockbot.cluster.leader", ObserveLeaders, "{role}", "1 while this instance leads the role (a chat bot), by instance and role");
        cycleDuration = meter.CreateHistogram(
            "stockbot.cycle.duration",
            "s",
            "Duration of monitoring cycles",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = CycleDurationBuckets });
    }

    public void CycleFinished(CycleResult result)
    {
        cycles.Add(1);
        checks.Add(result.MonitorsChecked);
        cycleDuration.Record(result.DurationMs / 1000.0);
    }

    public void ReadFailed(string kind, int monitors) => checkErrors.Add(monitors, new KeyValuePair<string, object?>("kind", kind));

    public void AlertsDispatched(int sent, int retried, int failed)
    {
        alertsSent.Add(sent);
        alertsRetried.Add(retried);
        alertsFailed.Add(failed);
    }

    /// <summary>The outbox's pending count, counted by whoever reads the database (the /metrics endpoint before a scrape).</summary>
    public void PendingAlertsCounted(long pending) => Interlocked.Exchange(ref pendingAlerts, pending);

    /// <summary>This instance took or left a role (BotLeadership).</summary>
    public void LeaderChanged(string role, string instance, bool leading) => leaders[(role, instance)] = leading ? 1 : 0;

    private IEnumerable<Measurement<int>> ObserveLeaders() =>
        leaders.Select(l => new Measurement<int>(l.Value, new KeyValuePair<string, object?>("role", l.Key.Role), new KeyValuePair<string, object?>("instance", l.Key.Instance)));

    public void Dispose()
    {
        // A meter from the factory belongs to the factory, which disposes it with the container.
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }
}

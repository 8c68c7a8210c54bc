using System.Collections.Concurrent;

namespace StockBot.Core.Monitoring;

/// <summary>
/// A monitor's `--cooldown`: alerts of one kind (one event type) for one monitor at most once per cooldown. A
/// suppressed event is recorded in monitor_histories as always; it only gets no alert_deliveries. The engine asks
/// once per event, inside the website's write.
/// </summary>
internal sealed class AlertSuppression
{
    private readonly ConcurrentDictionary<(int MonitorId, MonitorEventType Type), DateTime> lastAlerted;

    private AlertSuppression(ConcurrentDictionary<(int, MonitorEventType), DateTime> lastAlerted) => this.lastAlerted = lastAlerted;

    public static readonly AlertSuppression None = new(new());

    /// <summary>When each monitor with a cooldown last had an alert, per event type (one query, only for those monitors).</summary>
    public static async Task<AlertSuppression> LoadAsync(StockBotDbContext db, IEnumerable<MonitorWork> monitors, CancellationToken cancellationToken)
    {
        var ids = monitors.Where(m => m.CooldownSeconds > 0).Select(m => m.Id).ToList();
        if (ids.Count == 0)
        {
            return None;
        }

        var rows = await db.MonitorHistories.AsNoTracking()
            .Where(h => h.MonitorConfigId != null && ids.Contains(h.MonitorConfigId.Value) && db.AlertDeliveries.Any(d => d.MonitorHistoryId == h.Id))
            .GroupBy(h => new { Id = h.MonitorConfigId!.Value, h.EventType })
            .Select(g => new { g.Key.Id, g.Key.EventType, Last = g.Max(h => h.CreatedAt) })
            .ToListAsync(cancellationToken);
        return new AlertSuppression(new(rows.ToDictionary(r => (r.Id, r.EventType), r => r.Last)));
    }

    /// <summary>True when this event may alert now; then it counts as this kind's last alert of the monitor.</summary>
    public bool Allows(MonitorWork monitor, MonitorEventType type, DateTime now)
    {
        if (monitor.CooldownSeconds <= 0)
        {
            return true;
        }

        var key = (monitor.Id, type);
        if (lastAlerted.TryGetValue(key, out var last) && now - last < TimeSpan.FromSeconds(monitor.CooldownSeconds))
        {
            return false;
        }

        lastAlerted[key] = now;
        return true;
    }
}

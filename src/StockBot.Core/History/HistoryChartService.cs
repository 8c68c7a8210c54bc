using StockBot.Core.Monitoring;

namespace StockBot.Core.History;

public sealed record HistoryChart(byte[] Png, int Points, int Events, string Title);

/// <summary>Builds the stock chart of one monitor, shared by the CLI and the chat bots.</summary>
public sealed class HistoryChartService(StockBotDbContext db, StockChartRenderer renderer)
{
    public async Task<HistoryChart> RenderAsync(int monitorId, int limit, CancellationToken cancellationToken)
    {
        var monitor = await db.MonitorConfigs.AsNoTracking().Include(m => m.Website)
            .FirstOrDefaultAsync(m => m.Id == monitorId, cancellationToken)
            ?? throw InputException.NotFound("monitor_id", "monitor", monitorId);

        var records = await db.StockRecords.AsNoTracking()
            .Where(r => r.MonitorConfigId == monitorId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(limit)
            .Select(r => new StockChartPoint(r.CreatedAt, r.Quantity))
            .ToListAsync(cancellationToken);
        records.Reverse();

        var since = records.Count > 0 ? records[0].TimeUtc : DateTime.MinValue;
        var events = await db.MonitorHistories.AsNoTracking()
            .Where(h => h.MonitorConfigId == monitorId && h.CreatedAt >= since && h.EventType != MonitorEventType.StockInitialized)
            .OrderBy(h => h.CreatedAt)
            .Select(h => new { h.CreatedAt, h.ToQuantity, h.EventType })
            .ToListAsync(cancellationToken);

        var marks = events
            .Select(e => new StockChartEvent(e.CreatedAt, e.ToQuantity, e.EventType.ToChartKind()))
            .ToList();
        var title = $"{monitor.ProductName ?? $"Product {monitor.ProductId}"} @ {monitor.Website!.Name}";
        var png = renderer.RenderPng(new StockChartRequest(title, records, marks, monitor.ThresholdLow, monitor.ThresholdHigh));
        return new HistoryChart(png, records.Count, marks.Count, title);
    }
}

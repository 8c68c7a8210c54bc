using Microsoft.EntityFrameworkCore;
using StockBot.Core.Monitors;
using StockBot.Data;
using StockBot.Data.Entities;

namespace StockBot.Core.Status;

/// <summary>Read side: what a monitor shows now, and what it showed before.</summary>
public sealed class StatusService(StockBotDbContext db)
{
    public const int MaxHistoryLimit = 10_000;

    public async Task<StatusSummary> GetStatusSummaryAsync(int monitorId, CancellationToken cancellationToken)
    {
        var monitor = await db.MonitorConfigs.AsNoTracking().Include(m => m.Website)
            .FirstOrDefaultAsync(m => m.Id == monitorId, cancellationToken)
            ?? throw InputException.NotFound("monitor_id", "monitor", monitorId);
        return await SummarizeAsync(monitor, cancellationToken);
    }

    public async Task<IReadOnlyList<StatusSummary>> GetAllStatusAsync(CancellationToken cancellationToken)
    {
        var monitors = await db.MonitorConfigs.AsNoTracking().Include(m => m.Website)
            .OrderBy(m => m.WebsiteId).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var summaries = new List<StatusSummary>(monitors.Count);
        foreach (var monitor in monitors)
        {
            summaries.Add(await SummarizeAsync(monitor, cancellationToken));
        }

        return summaries;
    }

    public async Task<IReadOnlyList<StockRecordView>> GetStockHistoryAsync(int monitorId, int limit, CancellationToken cancellationToken)
    {
        ValidateLimit(limit);
        var records = await db.StockRecords.AsNoTracking()
            .Where(r => r.MonitorConfigId == monitorId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(limit)
            .Select(r => new StockRecordView(r.Id, r.MonitorConfigId, r.Quantity, r.Delta, r.StockControlEnabled, r.Available, r.ChangeType, r.ThresholdBreached, r.ThresholdType, r.CreatedAt))
            .ToListAsync(cancellationToken);

        // Only an empty answer needs the second look: no monitor, or no readings yet.
        if (records.Count == 0)
        {
            await EnsureMonitorAsync(monitorId, cancellationToken);
        }

        return records;
    }

    public async Task<IReadOnlyList<MonitorEventView>> GetMonitorHistoryAsync(int monitorId, int limit, CancellationToken cancellationToken)
    {
        await EnsureMonitorAsync(monitorId, cancellationToken);
        ValidateLimit(limit);
        return await db.MonitorHistories.AsNoTracking()
            .Where(h => h.MonitorConfigId == monitorId)
            .OrderByDescending(h => h.CreatedAt).ThenByDescending(h => h.Id)
            .Take(limit)
            .Select(h => new MonitorEventView(h.Id, h.MonitorConfigId, h.EventType, h.FromQuantity, h.ToQuantity, h.Delta, h.ChangeType, h.ThresholdBreached, h.ThresholdType, h.ThresholdValue, h.Message, h.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    private async Task<StatusSummary> SummarizeAsync(MonitorConfig monitor, CancellationToken cancellationToken)
    {
        var latest = await db.StockRecords.AsNoTracking()
            .Where(r => r.MonitorConfigId == monitor.Id)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var lastChange = await db.StockRecords.AsNoTracking()
            .Where(r => r.MonitorConfigId == monitor.Id && r.ChangeType != ChangeTypes.Unchanged)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.CreatedAt, r.ChangeType })
            .FirstOrDefaultAsync(cancellationToken);
        var website = monitor.Website!;
        return new StatusSummary(
            monitor.Id,
            website.Id,
            website.Name,
            website.Region,
            monitor.ProductId,
            monitor.ProductName ?? $"Product {monitor.ProductId}",
            latest?.Quantity,
            latest?.Available,
            latest?.StockControlEnabled ?? false,
            monitor.Status,
            monitor.IsActive,
            monitor.ThresholdLow,
            monitor.ThresholdHigh,
            latest is { ThresholdBreached: true } ? latest.ThresholdType : null,
            monitor.LastError,
            BuyLink.For(website.WebsiteUrl, monitor.ProductId, monitor.PurchaseLink),
            monitor.LastCheckedAt,
            lastChange?.CreatedAt,
            lastChange?.ChangeType);
    }

    private async Task EnsureMonitorAsync(int monitorId, CancellationToken cancellationToken)
    {
        if (!await db.MonitorConfigs.AnyAsync(m => m.Id == monitorId, cancellationToken))
        {
            throw InputException.NotFound("monitor_id", "monitor", monitorId);
        }
    }

    private static void ValidateLimit(int limit)
    {
        if (limit is < 1 or > MaxHistoryLimit)
        {
            throw new InputException("limit", $"must be between 1 and {MaxHistoryLimit} (got {limit})");
        }
    }
}

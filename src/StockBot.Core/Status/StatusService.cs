using StockBot.Core.Monitors;

namespace StockBot.Core.Status;

/// <summary>Read side: what a monitor shows now, and what it showed before.</summary>
public sealed class StatusService(StockBotDbContext db, TimeProvider time)
{
    public const int MaxHistoryLimit = 10_000;

    public async Task<StatusSummary> GetStatusSummaryAsync(int monitorId, CancellationToken cancellationToken) =>
        (await SummarizeAsync(db.MonitorConfigs.Where(m => m.Id == monitorId), cancellationToken)).SingleOrDefault()
        ?? throw InputException.NotFound("monitor_id", "monitor", monitorId);

    public async Task<IReadOnlyList<StatusSummary>> GetAllStatusAsync(CancellationToken cancellationToken) =>
        await SummarizeAsync(db.MonitorConfigs, cancellationToken);

    /// <summary>
    /// "Subscription 3 (telegram -100123): quiet hours 22:00-07:00 Europe/Berlin, quiet now, 4 alert(s) held": every
    /// subscription with quiet hours, for `status`.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetQuietHoursAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Subscriptions.AsNoTracking().Where(s => s.QuietHours != null).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var lines = new List<string>();
        foreach (var s in rows)
        {
            var quiet = Alerts.QuietHours.Of(s);
            var line = $"Subscription {s.Id} ({s.Platform.ToDb()} {s.ChannelId}): quiet hours {s.QuietHours} {s.TimeZone ?? "UTC"}";
            if (quiet is not null && quiet.IsQuiet(now))
            {
                var held = await db.AlertDeliveries.CountAsync(d => d.SubscriptionId == s.Id && d.Status == DeliveryStatus.Pending, cancellationToken);
                line += $", quiet now, {held.ToString(CultureInfo.InvariantCulture)} alert(s) held";
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Subscriptions that are off (their channel is gone) or that the platform last refused, oldest first.</summary>
    public async Task<IReadOnlyList<SubscriptionProblem>> GetSubscriptionProblemsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Subscriptions.AsNoTracking()
            .Where(s => !s.IsActive || s.LastError != null)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(s => new SubscriptionProblem(
            s.Id, s.Platform.ToDb(), s.ChannelId, s.WebsiteId, s.MonitorConfigId, s.IsActive,
            s.LastError ?? "the bot could not post there", s.LastErrorAt)).ToList();
    }

    public async Task<IReadOnlyList<StockRecordView>> GetStockHistoryAsync(int monitorId, int limit, CancellationToken cancellationToken)
    {
        ValidateLimit(limit);
        var records = await db.StockRecords.AsNoTracking()
            .Where(r => r.MonitorConfigId == monitorId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(limit)
            .Select(r => new StockRecordView(r.Id, r.MonitorConfigId, r.Quantity, r.Delta, r.StockControlEnabled, r.Available, r.ChangeType.ToDb(), r.ThresholdBreached, r.ThresholdType.ToDb(), r.CreatedAt))
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
            .Select(h => new MonitorEventView(h.Id, monitorId, h.EventType.ToDb(), h.FromQuantity, h.ToQuantity, h.Delta, h.ChangeType.ToDb(), h.ThresholdBreached, h.ThresholdType.ToDb(), h.ThresholdValue, h.Message, h.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Two queries whatever the number of monitors: the monitors with the ids of their newest record and
    /// newest change (an index seek each), then those records.
    /// </summary>
    private async Task<List<StatusSummary>> SummarizeAsync(IQueryable<MonitorConfig> monitors, CancellationToken cancellationToken)
    {
        var rows = await monitors.AsNoTracking()
            .OrderBy(m => m.WebsiteId).ThenBy(m => m.Id)
            .Select(m => new
            {
                Monitor = m,
                m.Website,
                LatestId = db.StockRecords.Where(r => r.MonitorConfigId == m.Id)
                    .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefault(),
                ChangeId = db.StockRecords.Where(r => r.MonitorConfigId == m.Id && r.ChangeType != ChangeType.Unchanged)
                    .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var ids = rows.SelectMany(r => new[] { r.LatestId, r.ChangeId }).OfType<long>().Distinct().ToList();
        var records = await db.StockRecords.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return rows.Select(row =>
        {
            var monitor = row.Monitor;
            var website = row.Website!;
            var latest = row.LatestId is { } l ? records[l] : null;
            var lastChange = row.ChangeId is { } c ? records[c] : null;
            return new StatusSummary(
                monitor.Id,
                website.Id,
                website.Name,
                website.Region,
                monitor.ProductId,
                monitor.ProductName ?? $"Product {monitor.ProductId}",
                // No count when stock control is off, or the store shows none (storefront mode): null, not 0.
                latest is { StockControlEnabled: false } ? null : latest?.Quantity,
                latest?.Available,
                latest?.StockControlEnabled ?? false,
                monitor.Status.ToDb(),
                monitor.IsActive,
                monitor.ThresholdLow,
                monitor.ThresholdHigh,
                latest is { ThresholdBreached: true } ? latest.ThresholdType.ToDb() : null,
                monitor.LastError,
                BuyLink.For(website.WebsiteUrl, monitor.ProductId, monitor.PurchaseLink),
                monitor.LastCheckedAt,
                lastChange?.CreatedAt,
                lastChange?.ChangeType.ToDb())
            {
                PausedUntil = Websites.WebsitePause.Active(website.PausedUntil, now),
            };
        }).ToList();
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

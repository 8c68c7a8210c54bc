namespace StockBot.Core.Monitors;

/// <summary>
/// One public monitor as the public stock page and `GET /api/v1/public/monitors` show it: nothing an admin
/// alone should see (no ids, errors, thresholds or subscriptions). Quantity is null when no count is known.
/// </summary>
public sealed record PublicMonitor(
    string Product,
    string Website,
    string? Region,
    bool InStock,
    int? Quantity,
    string? Price,
    string BuyUrl,
    DateTime? UpdatedAt,
    IReadOnlyList<int> Sparkline);

/// <summary>The public monitors (`monitor update --public true`) that are active, with a 7-day stock line each.</summary>
public sealed class PublicMonitorQuery(StockBotDbContext db, TimeProvider time)
{
    public static readonly TimeSpan SparklineSpan = TimeSpan.FromDays(7);

    /// <summary>Points of a sparkline: one per 3.5 hours over the 7 days.</summary>
    public const int SparklinePoints = 48;

    public async Task<IReadOnlyList<PublicMonitor>> ListAsync(CancellationToken cancellationToken)
    {
        var monitors = await db.MonitorConfigs.AsNoTracking()
            .Where(m => m.IsPublic && m.IsActive)
            .OrderBy(m => m.Website!.Name).ThenBy(m => m.ProductName).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.Id,
                m.ProductId,
                m.ProductName,
                m.PurchaseLink,
                m.LastPrice,
                m.LastCheckedAt,
                Website = m.Website!.Name,
                m.Website.WebsiteUrl,
                m.Website.Region,
                // The latest record may be older than the sparkline's span (a monitor whose stock never moved).
                Latest = db.StockRecords.Where(r => r.MonitorConfigId == m.Id)
                    .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
                    .Select(r => new StockPoint(r.MonitorConfigId, r.CreatedAt, r.Quantity, r.Available, r.StockControlEnabled))
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        if (monitors.Count == 0)
        {
            return [];
        }

        var ids = monitors.Select(m => m.Id).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - SparklineSpan;
        var records = await db.StockRecords.AsNoTracking()
            .Where(r => ids.Contains(r.MonitorConfigId) && r.CreatedAt >= since)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new StockPoint(r.MonitorConfigId, r.CreatedAt, r.Quantity, r.Available, r.StockControlEnabled))
            .ToListAsync(cancellationToken);
        var byMonitor = records.ToLookup(r => r.MonitorId);

        return monitors.Select(m =>
        {
            var points = byMonitor[m.Id].ToList();
            var latest = m.Latest;
            return new PublicMonitor(
                m.ProductName ?? $"Product {m.ProductId}",
                m.Website,
                m.Region,
                latest?.Available ?? false,
                latest is { StockControlEnabled: true } ? latest.Quantity : null,
                m.LastPrice,
                BuyLink.For(m.WebsiteUrl, m.ProductId, m.PurchaseLink),
                m.LastCheckedAt is { } checkedAt ? DateTime.SpecifyKind(checkedAt, DateTimeKind.Utc) : null,
                Sparkline(points, latest, since, now));
        }).ToList();
    }

    /// <summary>
    /// The stock over <paramref name="since"/>..<paramref name="now"/> in <see cref="SparklinePoints"/> buckets, each the
    /// last reading in it (carried on through empty buckets; 1/0 for in/out when no count is known). Empty when never read.
    /// </summary>
    internal static IReadOnlyList<int> Sparkline(IReadOnlyList<StockPoint> points, StockPoint? latest, DateTime since, DateTime now)
    {
        if (latest is null)
        {
            return [];
        }

        var bucket = (now - since) / SparklinePoints;
        var line = new int[SparklinePoints];
        var index = 0;
        int? value = points.Count == 0 ? Value(latest) : null;
        for (var b = 0; b < SparklinePoints; b++)
        {
            var end = since + (bucket * (b + 1));
            while (index < points.Count && points[index].At < end)
            {
                value = Value(points[index++]);
            }

            line[b] = value ?? 0;
        }

        return line;
    }

    private static int Value(StockPoint p) => p.StockControlEnabled ? Math.Max(0, p.Quantity) : p.Available ? 1 : 0;

    internal sealed record StockPoint(int MonitorId, DateTime At, int Quantity, bool Available, bool StockControlEnabled);
}

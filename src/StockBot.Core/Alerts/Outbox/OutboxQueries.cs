namespace StockBot.Core.Alerts.Outbox;

/// <summary>One alert_deliveries row as `outbox list` shows it: where it goes, which event, how it ended and why.</summary>
public sealed record OutboxRowView(
    long Id,
    int SubscriptionId,
    string Platform,
    string ChannelId,
    long EventId,
    string EventType,
    int? MonitorId,
    string Product,
    string Status,
    int Attempts,
    DateTime CreatedAt,
    DateTime NextAttemptAt,
    DateTime? SentAt,
    string? LastError);

/// <summary>What `outbox retry` put back in the queue.</summary>
/// <param name="ToInactiveSubscriptions">Of those, how many go to a subscription that is off (they fail again until it is re-added).</param>
public sealed record OutboxRetryResult(int Retried, IReadOnlyList<long> Ids, int ToInactiveSubscriptions);

/// <summary>The operator's view of the outbox: list rows with their reasons, and replay what failed.</summary>
public sealed class OutboxQueries(StockBotDbContext db, TimeProvider time)
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 10_000;

    private static readonly string AllowedStatuses =
        string.Join(", ", Enum.GetValues<DeliveryStatus>().Select(s => s.ToDb()));

    /// <summary>Newest first, optionally of one status and one subscription.</summary>
    public async Task<IReadOnlyList<OutboxRowView>> ListAsync(string? status, int? subscriptionId, int limit, CancellationToken cancellationToken)
    {
        var query = db.AlertDeliveries.AsNoTracking();
        if (status is not null)
        {
            var wanted = ParseStatus(status);
            query = query.Where(d => d.Status == wanted);
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw new InputException("limit", $"must be between 1 and {MaxLimit} (got {limit})");
        }

        if (subscriptionId is { } id)
        {
            if (!await db.Subscriptions.AnyAsync(s => s.Id == id, cancellationToken))
            {
                throw InputException.NotFound("subscription_id", "subscription", id);
            }

            query = query.Where(d => d.SubscriptionId == id);
        }

        var rows = await query
            .OrderByDescending(d => d.Id)
            .Take(limit)
            .Select(d => new
            {
                d.Id,
                d.SubscriptionId,
                d.Subscription!.Platform,
                d.Subscription.ChannelId,
                d.MonitorHistoryId,
                d.MonitorHistory!.EventType,
                d.MonitorHistory.MonitorConfigId,
                ProductName = d.MonitorHistory.MonitorConfig!.ProductName ?? d.MonitorHistory.WebsiteProduct!.Name,
                ProductId = (int?)d.MonitorHistory.MonitorConfig!.ProductId ?? (int?)d.MonitorHistory.WebsiteProduct!.ProductId,
                d.Status,
                d.Attempts,
                d.CreatedAt,
                d.NextAttemptAt,
                d.SentAt,
                d.LastError,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new OutboxRowView(
            r.Id, r.SubscriptionId, r.Platform.ToDb(), r.ChannelId, r.MonitorHistoryId, r.EventType.ToDb(), r.MonitorConfigId,
            r.ProductName ?? $"Product {r.ProductId}", r.Status.ToDb(), r.Attempts, r.CreatedAt, r.NextAttemptAt, r.SentAt, r.LastError)).ToList();
    }

    /// <summary>One failed or expired row back to pending, due now, its attempts kept.</summary>
    public async Task<OutboxRetryResult> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var row = await db.AlertDeliveries.Include(d => d.Subscription).FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw InputException.NotFound("id", "alert delivery", id);
        if (row.Status is not (DeliveryStatus.Failed or DeliveryStatus.Expired))
        {
            throw new InputException("id", $"alert delivery {id} is {row.Status.ToDb()}; only failed or expired ones can be retried");
        }

        return await RequeueAsync([row], cancellationToken);
    }

    /// <summary>Every failed row back to pending (expired ones stay: they are stale news; retry them one by one).</summary>
    public async Task<OutboxRetryResult> RetryFailedAsync(CancellationToken cancellationToken)
    {
        var rows = await db.AlertDeliveries.Include(d => d.Subscription)
            .Where(d => d.Status == DeliveryStatus.Failed)
            .OrderBy(d => d.Id)
            .ToListAsync(cancellationToken);
        return await RequeueAsync(rows, cancellationToken);
    }

    public static DeliveryStatus ParseStatus(string status)
    {
        var text = status.Trim().ToLowerInvariant();
        foreach (var known in Enum.GetValues<DeliveryStatus>())
        {
            if (known.ToDb() == text)
            {
                return known;
            }
        }

        throw new InputException("status", $"unknown status '{TextLimit.Clip(text, 30)}'; allowed: {AllowedStatuses}");
    }

    private async Task<OutboxRetryResult> RequeueAsync(List<AlertDelivery> rows, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            row.Status = DeliveryStatus.Pending;
            row.NextAttemptAt = now;
            // Queued again now: Alerts:MaxAge counts from here (see AlertOutbox.ExpiresAt), so the replay is not expired at once.
            row.CreatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new OutboxRetryResult(rows.Count, rows.Select(r => r.Id).ToList(), rows.Count(r => r.Subscription is { IsActive: false }));
    }
}

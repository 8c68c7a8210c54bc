using StockBot.Core.Monitoring;
using StockBot.Core.Monitors;
using StockBot.Core.Operations;
using StockBot.Core.Subscriptions;

namespace StockBot.Core.Alerts.Outbox;

/// <summary>
/// An active subscription as the enqueue rule reads it: what it covers, parsed once per cycle, and the channel it posts
/// to (platform, channel id and topic; null: a channel of its own).
/// </summary>
public readonly record struct OutboxSubscription(int Id, int? WebsiteId, int? MonitorConfigId, SubscriptionEventKinds Kinds, string? Channel = null)
{
    /// <summary>monitor &gt; website &gt; everything: of one channel's subscriptions, the most specific one carries an alert.</summary>
    public int Specificity => MonitorConfigId is not null ? 2 : WebsiteId is not null ? 1 : 0;

    public static string ChannelOf(Platform platform, string channelId, string? threadId) =>
        $"{platform.ToDb()}|{channelId.Trim()}|{threadId?.Trim()}";
}

/// <summary>A monitor as the enqueue rule reads it: where it is and which kinds of event it alerts on.</summary>
public readonly record struct AlertingMonitor(int Id, int WebsiteId, SubscriptionEventKinds Notifies)
{
    /// <summary>A monitor's notify flags as kinds: `notify_on_purchase` covers every decrease (sales and sell-outs); errors always.</summary>
    public static SubscriptionEventKinds NotifiesFor(bool onRestock, bool onPurchase, bool onThreshold) =>
        (onRestock ? SubscriptionEventKinds.Restock : SubscriptionEventKinds.None)
        | (onPurchase ? SubscriptionEventKinds.Purchase | SubscriptionEventKinds.SoldOut : SubscriptionEventKinds.None)
        | (onThreshold ? SubscriptionEventKinds.Threshold : SubscriptionEventKinds.None)
        | SubscriptionEventKinds.Error;
}

/// <summary>One event of one change of a monitor, as the enqueue rule reads it: where it is in the write, and what it is.</summary>
public readonly record struct ChangeEvent(int HistoryIndex, MonitorEventType EventType, int ToQuantity)
{
    public SubscriptionEventKinds Kind => EventType.ToSubscriptionKind(ToQuantity);
}

/// <summary>A claimed-to-be-sent delivery and the alert it carries.</summary>
public sealed record OutboxItem(AlertDelivery Delivery, Alert Alert)
{
    public Subscription Subscription => Delivery.Subscription!;
}

/// <summary>
/// The alert outbox, whole: which channels an event alerts (enqueue), which pending rows are due (claim), and how a
/// send ends (sent, retry, failed). The engine's hot path writes the rows the enqueue rule picks, in its own
/// transaction; everything after that goes through here.
/// </summary>
public sealed class AlertOutbox(StockBotDbContext db, InstanceIdentity instance)
{
    // Another instance skips a row while it is claimed; after the lease it takes over a claim whose instance never came back.
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>This machine's instance (tests, tools).</summary>
    public AlertOutbox(StockBotDbContext db)
        : this(db, InstanceIdentity.Machine)
    {
    }

    /// <summary>The active subscriptions, read once per cycle.</summary>
    public static async Task<IReadOnlyList<OutboxSubscription>> LoadSubscriptionsAsync(StockBotDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Subscriptions.AsNoTracking()
            .Where(s => s.IsActive)
            .Select(s => new { s.Id, s.WebsiteId, s.MonitorConfigId, s.EventKinds, s.Platform, s.ChannelId, s.ThreadId })
            .ToListAsync(cancellationToken);
        return rows.Select(s => new OutboxSubscription(
            s.Id, s.WebsiteId, s.MonitorConfigId, EventKinds.Parse(s.EventKinds), OutboxSubscription.ChannelOf(s.Platform, s.ChannelId, s.ThreadId))).ToList();
    }

    /// <summary>One event alone (a `product_new`): see the change overload.</summary>
    public static void Enqueue(
        MonitorEventType eventType, int toQuantity, AlertingMonitor monitor, IReadOnlyList<OutboxSubscription> subscriptions, int eventIndex,
        List<(int HistoryIndex, int SubscriptionId)> deliveries) =>
        Enqueue([new ChangeEvent(eventIndex, eventType, toQuantity)], monitor, subscriptions, deliveries);

    /// <summary>
    /// The whole rule of "which channels does this change alert, with which event?". A subscription takes an event when
    /// the event's kind is one the monitor notifies on (errors always), the subscription takes that kind, and it covers
    /// the monitor (its own, its website's, or everything). One change of one monitor (a sale that also crosses the low
    /// mark: two events) is at most one alert per channel: the stock event before the threshold one before an error,
    /// and of a channel's subscriptions the most specific that takes any of them (monitor &gt; website &gt; everything),
    /// so its options apply. Adds (event index, subscription) pairs ordered by event index, then subscription.
    /// </summary>
    public static void Enqueue(
        IReadOnlyList<ChangeEvent> change, AlertingMonitor monitor, IReadOnlyList<OutboxSubscription> subscriptions,
        List<(int HistoryIndex, int SubscriptionId)> deliveries)
    {
        var alerted = SubscriptionEventKinds.None;
        foreach (var e in change)
        {
            alerted |= e.Kind & monitor.Notifies;
        }

        if (alerted == SubscriptionEventKinds.None)
        {
            return;
        }

        var picked = new Dictionary<string, (int Specificity, int SubscriptionId, int HistoryIndex)>(StringComparer.Ordinal);
        foreach (var subscription in subscriptions)
        {
            var covers = subscription.MonitorConfigId is { } monitorId
                ? monitorId == monitor.Id
                : subscription.WebsiteId is null || subscription.WebsiteId == monitor.WebsiteId;
            if (!covers || (subscription.Kinds & alerted) == 0 || Preferred(change, subscription.Kinds & monitor.Notifies) is not { } index)
            {
                continue;
            }

            var channel = subscription.Channel ?? $"#{subscription.Id}";
            if (!picked.TryGetValue(channel, out var current) || subscription.Specificity > current.Specificity)
            {
                picked[channel] = (subscription.Specificity, subscription.Id, index);
            }
        }

        deliveries.AddRange(picked.Values.OrderBy(p => p.HistoryIndex).ThenBy(p => p.SubscriptionId).Select(p => (p.HistoryIndex, p.SubscriptionId)));
    }

    /// <summary>The event of the change a subscription taking <paramref name="kinds"/> is told about, or null.</summary>
    private static int? Preferred(IReadOnlyList<ChangeEvent> change, SubscriptionEventKinds kinds)
    {
        int? best = null;
        var bestRank = int.MaxValue;
        foreach (var e in change)
        {
            var kind = e.Kind;
            var rank = Rank(kind);
            if ((kind & kinds) != 0 && rank < bestRank)
            {
                (best, bestRank) = (e.HistoryIndex, rank);
            }
        }

        return best;
    }

    private static int Rank(SubscriptionEventKinds kind) => kind switch
    {
        SubscriptionEventKinds.Restock or SubscriptionEventKinds.SoldOut or SubscriptionEventKinds.Purchase => 0,
        SubscriptionEventKinds.Threshold => 1,
        SubscriptionEventKinds.Error => 2,
        _ => 3,
    };

    /// <summary>Up to <paramref name="size"/> due pending rows after <paramref name="afterId"/>, oldest first, with their alerts.</summary>
    public async Task<IReadOnlyList<OutboxItem>> NextDueAsync(long afterId, DateTime now, int size, CancellationToken cancellationToken)
    {
        var batch = await db.AlertDeliveries
            .Include(d => d.Subscription)
            .Include(d => d.MonitorHistory).ThenInclude(h => h!.MonitorConfig).ThenInclude(m => m!.Website)
            .Include(d => d.MonitorHistory).ThenInclude(h => h!.WebsiteProduct).ThenInclude(p => p!.Website)
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && d.Id > afterId)
            .OrderBy(d => d.Id)
            .Take(size)
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return [];
        }

        // Stock control is a fact of the reading, so it is read from the stock record written with the event
        // (same monitor, same instant); an event without one (an error, an unchanged recovery) counts it as on.
        var histories = batch.Select(d => d.MonitorHistoryId).Distinct().ToList();
        var stockControlOff = await db.MonitorHistories.AsNoTracking()
            .Where(h => histories.Contains(h.Id)
                && db.StockRecords.Any(r => r.MonitorConfigId == h.MonitorConfigId && r.CreatedAt == h.CreatedAt && !r.StockControlEnabled))
            .Select(h => h.Id)
            .ToListAsync(cancellationToken);
        var off = stockControlOff.ToHashSet();
        return batch.Select(d => new OutboxItem(d, ToAlert(d.MonitorHistory!, !off.Contains(d.MonitorHistoryId)))).ToList();
    }

    /// <summary>
    /// The first held row of each channel (platform, channel id, topic), whichever subscription it belongs to: one
    /// waiting for its retry, or claimed by a send in flight (here or in another instance). Newer rows to that channel
    /// wait behind it, so a channel's alerts arrive in order, also across a crash.
    /// </summary>
    public async Task<Dictionary<ChannelKey, long>> FirstHeldByChannelAsync(DateTime now, CancellationToken cancellationToken)
    {
        var rows = await db.AlertDeliveries
            .Where(d => d.Status == DeliveryStatus.Pending && (d.NextAttemptAt > now || d.ClaimedBy != null))
            .GroupBy(d => new { d.Subscription!.Platform, d.Subscription.ChannelId, d.Subscription.ThreadId })
            .Select(g => new { g.Key.Platform, g.Key.ChannelId, g.Key.ThreadId, First = g.Min(d => d.Id) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => new ChannelKey(r.Platform, r.ChannelId, r.ThreadId), r => r.First);
    }

    /// <summary>
    /// Takes the row for one send, in this instance's name; false when another dispatcher has it or it is no longer
    /// due. Every way a send ends (sent, retry, failed) gives the claim up again.
    /// </summary>
    public async Task<bool> ClaimAsync(long deliveryId, DateTime now, CancellationToken cancellationToken) =>
        await db.AlertDeliveries
            .Where(d => d.Id == deliveryId && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.NextAttemptAt, now + ClaimLease).SetProperty(d => d.ClaimedBy, instance.Name).SetProperty(d => d.ClaimedAt, now),
                cancellationToken) == 1;

    /// <summary>
    /// At the start of `run`, before its first dispatch: the rows this instance had claimed when it last stopped (killed
    /// mid-send) are due again at once, first in their channels, instead of after the claim lease. A message that
    /// reached its chat before the crash is sent once more: the one duplicate a crash can make.
    /// </summary>
    /// <returns>How many rows were released.</returns>
    public async Task<int> ReleaseOwnClaimsAsync(DateTime now, CancellationToken cancellationToken) =>
        await ReleaseClaimsAsync(db.AlertDeliveries.Where(d => d.Status == DeliveryStatus.Pending && d.ClaimedBy == instance.Name), now, cancellationToken);

    /// <summary>
    /// A live instance's heartbeat: the rows claimed by another `run` instance whose cluster_instances heartbeat is
    /// older than <paramref name="deadAfter"/> (Cluster:FailoverAfter; it was killed mid-send) are due again at once,
    /// instead of after the claim lease. A claim by a name that never joined (a one-shot command) keeps its lease.
    /// A message that reached its chat before the kill is sent once more: the one duplicate a crash can make.
    /// </summary>
    /// <returns>How many rows were released.</returns>
    public async Task<int> ReleaseDeadInstancesClaimsAsync(DateTime now, TimeSpan deadAfter, CancellationToken cancellationToken)
    {
        var me = instance.Name;
        var seenBefore = now - deadAfter;
        return await ReleaseClaimsAsync(
            db.AlertDeliveries.Where(d => d.Status == DeliveryStatus.Pending && d.ClaimedBy != null && d.ClaimedBy != me
                && db.ClusterInstances.Any(i => i.Name == d.ClaimedBy && i.LastSeenAt < seenBefore)),
            now,
            cancellationToken);
    }

    private static async Task<int> ReleaseClaimsAsync(IQueryable<AlertDelivery> claimed, DateTime now, CancellationToken cancellationToken) =>
        await claimed.ExecuteUpdateAsync(
            s => s.SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedAt, (DateTime?)null),
            cancellationToken);

    public async Task FailInactiveAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        item.Delivery.Status = DeliveryStatus.Failed;
        item.Delivery.LastError = "The subscription was turned off before this alert was sent.";
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// When this row stops being worth sending: <paramref name="maxAge"/> after its event (or after it was queued again
    /// by `outbox retry`, which resets the row's created_at).
    /// </summary>
    public static DateTime ExpiresAt(OutboxItem item, TimeSpan maxAge)
    {
        var history = item.Delivery.MonitorHistory!.CreatedAt;
        var queued = item.Delivery.CreatedAt;
        return (queued > history ? queued : history) + maxAge;
    }

    /// <summary>The row's turn came too late: it is not sent, and says why (with the last error it had, if any).</summary>
    public async Task MarkExpiredAsync(OutboxItem item, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var delivery = item.Delivery;
        var age = maxAge.ToString("c", CultureInfo.InvariantCulture);
        delivery.Status = DeliveryStatus.Expired;
        delivery.LastError = Clip(delivery.LastError is { } last
            ? $"Not sent: older than Alerts:MaxAge ({age}) after {delivery.Attempts} attempt(s); last error: {last}"
            : $"Not sent: older than Alerts:MaxAge ({age}) when its turn came.");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A held row left out of its digest because a later change undid it: not sent, with the reason.</summary>
    public async Task MarkSupersededAsync(OutboxItem item, string reason, CancellationToken cancellationToken)
    {
        item.Delivery.Status = DeliveryStatus.Expired;
        item.Delivery.LastError = Clip(reason);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task MarkSentAsync(OutboxItem item, DateTime now, string? externalMessageId, int attempts)
    {
        var delivery = item.Delivery;
        delivery.Attempts += attempts;
        delivery.Status = DeliveryStatus.Sent;
        delivery.SentAt = now;
        delivery.NextAttemptAt = now;
        delivery.ExternalMessageId = externalMessageId;
        delivery.LastError = null;
        Unclaim(delivery);
        ClearProblem(item.Subscription);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Tries again after <paramref name="wait"/>, but never later than <paramref name="expiresAt"/>: no row holds its channel's queue past its own window.</summary>
    public async Task MarkRetryAsync(OutboxItem item, DateTime now, TimeSpan wait, string? error, int attempts, DateTime? expiresAt)
    {
        var delivery = item.Delivery;
        delivery.Attempts += attempts;
        var next = now + wait;
        delivery.NextAttemptAt = expiresAt is { } end && end < next ? end : next;
        delivery.LastError = Clip(error);
        Unclaim(delivery);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The platform refused this alert (also in its plain form): it fails with the platform's own words; the channel goes on.</summary>
    public async Task FailRejectedAsync(OutboxItem item, string? error, int attempts)
    {
        var delivery = item.Delivery;
        delivery.Attempts += attempts;
        delivery.Status = DeliveryStatus.Failed;
        delivery.LastError = Clip(error ?? "The platform refused the message.");
        Unclaim(delivery);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// The channel is gone: this row and every other pending row to it fail, the subscription turns off and keeps the
    /// reason (shown by `status`).
    /// </summary>
    /// <returns>How many rows failed, this one included.</returns>
    public async Task<int> FailChannelGoneAsync(OutboxItem item, string? error, DateTime now, int attempts, CancellationToken cancellationToken)
    {
        var delivery = item.Delivery;
        delivery.Attempts += attempts;
        delivery.Status = DeliveryStatus.Failed;
        delivery.LastError = Clip(error);
        Unclaim(delivery);
        var subscription = item.Subscription;
        subscription.IsActive = false;
        subscription.LastError = Clip(error ?? "The channel is gone.");
        subscription.LastErrorAt = now;
        // A follow's chat is the follower's own: they are told on their next command (FollowService.TakeNoticeAsync).
        subscription.NoticePending = subscription.IsPersonal;
        var others = await db.AlertDeliveries
            .Where(d => d.SubscriptionId == delivery.SubscriptionId && d.Status == DeliveryStatus.Pending && d.Id != delivery.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.LastError, "The channel is gone."), cancellationToken);
        await db.SaveChangesAsync(CancellationToken.None);
        return others + 1;
    }

    /// <summary>True when the row no longer exists (a channel move found it a duplicate of the new channel's own row).</summary>
    public bool IsRemoved(OutboxItem item) => db.Entry(item.Delivery).State is EntityState.Deleted or EntityState.Detached;

    /// <summary>
    /// Gives the row's claim up when its send ends. The claim was set in SQL after the row was loaded, so the tracked
    /// row still has the old (empty) values: the columns are written as modified whatever the tracker believes.
    /// </summary>
    private void Unclaim(AlertDelivery delivery)
    {
        delivery.ClaimedBy = null;
        delivery.ClaimedAt = null;
        var entry = db.Entry(delivery);
        entry.Property(d => d.ClaimedBy).IsModified = true;
        entry.Property(d => d.ClaimedAt).IsModified = true;
    }

    private static void ClearProblem(Subscription? subscription)
    {
        if (subscription is { LastError: not null } or { LastErrorAt: not null })
        {
            subscription.LastError = null;
            subscription.LastErrorAt = null;
        }
    }

    public static Alert ToAlert(MonitorHistory history, bool stockControlEnabled)
    {
        if (history.WebsiteProduct is { } listed)
        {
            return Monitoring.NewProducts.ToAlert(history, listed);
        }

        var monitor = history.MonitorConfig!;
        var website = monitor.Website!;
        var kind = history.EventType.ToAlertKind(history.ToQuantity);
        // An error's own text (WHMCS's words, a host name) is for the operator's `status`, never for a channel.
        return new Alert(
            history.Id,
            kind,
            monitor.Id,
            monitor.ProductName ?? $"Product {monitor.ProductId}",
            monitor.ProductId,
            website.Name,
            website.Region,
            history.FromQuantity,
            history.ToQuantity,
            history.Delta,
            stockControlEnabled,
            history.ThresholdValue,
            history.CreatedAt,
            BuyLink.For(website.WebsiteUrl, monitor.ProductId, monitor.PurchaseLink),
            null)
        {
            Crossed = history.ThresholdValue is not null && kind is AlertKind.Restock or AlertKind.Purchase or AlertKind.SoldOut ? history.ThresholdType : null,
            Price = monitor.LastPrice,
        };
    }

    private static string? Clip(string? error) => error is null ? null : TextLimit.Clip(error, 500);
}

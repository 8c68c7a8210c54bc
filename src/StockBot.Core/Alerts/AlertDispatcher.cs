using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Common;
using StockBot.Core.Configuration;
using StockBot.Core.Subscriptions;

namespace StockBot.Core.Alerts;

public sealed record DispatchResult(int Sent, int Retrying, int Failed, int Waiting, int Expired = 0);

/// <summary>
/// Sends the alert outbox: pending deliveries oldest first, each marked sent once. How a send ends decides the row:
/// transient failures retry after 10 s doubling up to 10 minutes (a platform's retry-after wins) until the row is
/// older than <c>Alerts:MaxAge</c> (then `expired`); an alert the platform refuses is sent once more in plain form,
/// then `failed` while the channel goes on; a channel that is gone fails its rows and turns its subscription off; a
/// channel that moved takes its subscriptions along and gets the alert at once.
/// </summary>
public sealed partial class AlertDispatcher(
    AlertOutbox outbox,
    SubscriptionService subscriptions,
    AlertSenders senders,
    IOptions<AlertsOptions> options,
    Operations.StockBotMetrics metrics,
    TimeProvider time,
    ILogger<AlertDispatcher> logger)
{
    private static readonly ExponentialBackoff RetryBackoff = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));

    private const int BatchSize = 100;

    // A chat that moves twice within one send is not followed further; the row retries later.
    private const int MaxMoves = 2;

    private readonly TimeSpan maxAge = options.Value.MaxAge;

    public async Task<DispatchResult> DispatchAsync(CancellationToken cancellationToken)
    {
        var tally = new Tally();
        // Rows already settled as part of a digest, which the walk below must not send again.
        var settled = new HashSet<long>();
        var now = time.GetUtcNow().UtcDateTime;
        // Everything due now, oldest first: a channel's digest is built from all of its rows due at once.
        var due = await AllDueAsync(now, cancellationToken);
        // Alerts to one channel keep their order: while an older one waits for its retry or is in flight, newer ones wait too.
        var order = new ChannelOrder(await outbox.FirstHeldByChannelAsync(now, cancellationToken));
        var bySubscription = due.GroupBy(i => i.Delivery.SubscriptionId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var item in due)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (settled.Contains(item.Delivery.Id) || outbox.IsRemoved(item))
            {
                continue;
            }

            var subscription = item.Subscription;
            if (order.Holds(item))
            {
                continue;
            }

            if (!subscription.IsActive)
            {
                await outbox.FailInactiveAsync(item, cancellationToken);
                tally.Failed++;
                continue;
            }

            var quiet = QuietHours.Of(subscription);
            if (quiet is not null && quiet.IsQuiet(now))
            {
                // Held until the quiet hours end; then the held rows go as one digest.
                tally.Waiting++;
                continue;
            }

            if (await ExpireAsync(item, quiet, now, cancellationToken))
            {
                tally.Expired++;
                continue;
            }

            if (senders.For(subscription) is not { } sender)
            {
                tally.Waiting++;
                continue;
            }

            var resolved = senders.TargetOf(subscription);
            if (resolved.Target is not { } target)
            {
                // Nowhere to send it (a webhook URL this key cannot decrypt): as good as a channel that is gone.
                order.Block(subscription);
                tally.Failed += await outbox.FailChannelGoneAsync(item, resolved.Error, now, 0, cancellationToken);
                LogChannelGone(logger, subscription.Platform.ToDb(), subscription.ChannelId, subscription.Id, resolved.Error);
                continue;
            }

            var rows = sender.SendsDigests ? DigestRows(item, bySubscription[subscription.Id], settled, quiet) : null;
            if (rows is not null)
            {
                settled.UnionWith(rows.Select(r => r.Delivery.Id));
                var digest = await PrepareDigestAsync(rows, quiet, now, tally, cancellationToken);
                if (digest.Rows.Count > 1)
                {
                    await SettleAsync(digest.Rows, sender, target, t => sender.SendDigestAsync(digest.Digest, t, cancellationToken), quiet, order, tally, cancellationToken);
                    LogDigest(logger, digest.Rows.Count, subscription.Platform.ToDb(), subscription.ChannelId, digest.Digest.Reason);
                    continue;
                }

                if (digest.Rows.Count == 0)
                {
                    continue;
                }

                // One row left after expiry and what is no longer true: an alert of its own (already claimed).
                var single = digest.Rows[0];
                await SettleAsync([single], sender, target, t => sender.SendAsync(single.Alert, t, cancellationToken), quiet, order, tally, cancellationToken);
                continue;
            }

            if (!await outbox.ClaimAsync(item.Delivery.Id, now, cancellationToken))
            {
                continue;
            }

            await SettleAsync([item], sender, target, t => sender.SendAsync(item.Alert, t, cancellationToken), quiet, order, tally, cancellationToken);
            now = time.GetUtcNow().UtcDateTime;
        }

        metrics.AlertsDispatched(tally.Sent, tally.Retrying, tally.Failed + tally.Expired);
        return new DispatchResult(tally.Sent, tally.Retrying, tally.Failed, tally.Waiting, tally.Expired);
    }

    private async Task<List<OutboxItem>> AllDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        var due = new List<OutboxItem>();
        long lastId = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await outbox.NextDueAsync(lastId, now, BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            lastId = batch[^1].Delivery.Id;
            due.AddRange(batch);
        }

        return due;
    }

    /// <summary>
    /// When a row stops being worth sending: <c>Alerts:MaxAge</c> after its event, or, for an alert held in quiet
    /// hours, <c>Alerts:MaxAge</c> after those hours ended (holding it does not age it).
    /// </summary>
    private DateTime ExpiresAt(OutboxItem item, QuietHours? quiet)
    {
        var expiresAt = AlertOutbox.ExpiresAt(item, maxAge);
        return quiet?.WindowEnd(item.Delivery.MonitorHistory!.CreatedAt) is { } released && released + maxAge > expiresAt
            ? released + maxAge
            : expiresAt;
    }

    private async Task<bool> ExpireAsync(OutboxItem item, QuietHours? quiet, DateTime now, CancellationToken cancellationToken)
    {
        if (now < ExpiresAt(item, quiet))
        {
            return false;
        }

        await outbox.MarkExpiredAsync(item, maxAge, cancellationToken);
        LogExpired(logger, item.Delivery.Id, item.Subscription.Platform.ToDb(), item.Subscription.ChannelId, maxAge);
        return true;
    }

    /// <summary>
    /// The rows of this channel to send as one digest from <paramref name="item"/> on: more than its digest-after due
    /// at once, or at least two held in quiet hours that just ended; null when they go one by one.
    /// </summary>
    private List<OutboxItem>? DigestRows(OutboxItem item, List<OutboxItem> channelRows, HashSet<long> settled, QuietHours? quiet)
    {
        var rows = channelRows.Where(r => r.Delivery.Id >= item.Delivery.Id && !settled.Contains(r.Delivery.Id) && !outbox.IsRemoved(r)).ToList();
        var held = quiet is not null && rows.Any(r => WasHeld(r, quiet));
        return rows.Count > item.Subscription.DigestAfter || (held && rows.Count > 1) ? rows : null;
    }

    private static bool WasHeld(OutboxItem row, QuietHours quiet) => quiet.WindowEnd(row.Delivery.MonitorHistory!.CreatedAt) is not null;

    /// <summary>
    /// A digest's rows made ready: expired ones marked so, held ones that are no longer true left out (and marked
    /// expired with the reason), the rest claimed.
    /// </summary>
    private async Task<(Digest Digest, List<OutboxItem> Rows)> PrepareDigestAsync(
        List<OutboxItem> rows, QuietHours? quiet, DateTime now, Tally tally, CancellationToken cancellationToken)
    {
        var live = new List<OutboxItem>();
        foreach (var row in rows)
        {
            if (await ExpireAsync(row, quiet, now, cancellationToken))
            {
                tally.Expired++;
            }
            else
            {
                live.Add(row);
            }
        }

        var reason = DigestReason.Burst;
        var held = quiet is null ? [] : live.Where(r => WasHeld(r, quiet)).ToList();
        if (held.Count > 0)
        {
            reason = DigestReason.QuietHoursEnded;
            var stale = DigestFilter.Superseded(held.Select(r => r.Alert).ToList());
            foreach (var index in stale)
            {
                await outbox.MarkSupersededAsync(held[index], "Held in quiet hours and no longer true when they ended (a later change of the monitor undid it).", cancellationToken);
                live.Remove(held[index]);
                tally.Expired++;
            }
        }

        var claimed = new List<OutboxItem>();
        foreach (var row in live)
        {
            if (await outbox.ClaimAsync(row.Delivery.Id, now, cancellationToken))
            {
                claimed.Add(row);
            }
        }

        return (new Digest([.. claimed.Select(r => r.Alert)], reason, now), claimed);
    }

    /// <summary>One message's way out and how it ends, for every row it carries (one alert, or a digest's rows).</summary>
    private async Task SettleAsync(
        IReadOnlyList<OutboxItem> rows, IAlertSender sender, AlertTarget target, Func<AlertTarget, Task<AlertSendResult>> send,
        QuietHours? quiet, ChannelOrder order, Tally tally, CancellationToken cancellationToken)
    {
        var item = rows[0];
        var delivery = await DeliverAsync(sender, item, target, send, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (delivery.Superseded)
        {
            return;
        }

        var subscription = item.Subscription;
        var result = delivery.Result;
        switch (result.Status)
        {
            case AlertSendStatus.Sent:
                foreach (var row in rows)
                {
                    await outbox.MarkSentAsync(row, now, result.ExternalMessageId, delivery.Attempts);
                }

                tally.Sent += rows.Count;
                break;
            case AlertSendStatus.Retry:
                var wait = result.RetryAfter ?? Backoff(item.Delivery.Attempts + delivery.Attempts);
                foreach (var row in rows)
                {
                    await outbox.MarkRetryAsync(row, now, wait, result.Error, delivery.Attempts, ExpiresAt(row, quiet));
                }

                order.Block(subscription);
                tally.Retrying += rows.Count;
                LogRetry(logger, item.Delivery.Id, subscription.Platform.ToDb(), subscription.ChannelId, wait, result.Error);
                break;
            case AlertSendStatus.Rejected:
                foreach (var row in rows)
                {
                    await outbox.FailRejectedAsync(row, result.Error, delivery.Attempts);
                }

                tally.Failed += rows.Count;
                LogRejected(logger, item.Delivery.Id, subscription.Platform.ToDb(), subscription.ChannelId, result.Error);
                break;
            case AlertSendStatus.ChannelGone:
                // Fails this row and every other pending row of the channel, the digest's included.
                order.Block(subscription);
                tally.Failed += await outbox.FailChannelGoneAsync(item, result.Error, now, delivery.Attempts, cancellationToken);
                LogChannelGone(logger, subscription.Platform.ToDb(), subscription.ChannelId, subscription.Id, result.Error);
                break;
            default:
                throw new InvalidOperationException($"Unknown send status {result.Status}.");
        }
    }

    public static TimeSpan Backoff(int attempts) => RetryBackoff.After(attempts);

    /// <summary>
    /// One alert's way out, however many sends it takes: the full form, then the plain form if the platform refused
    /// the full one; and after a move, the same again to the channel's new id.
    /// </summary>
    private async Task<Delivery> DeliverAsync(
        IAlertSender sender, OutboxItem item, AlertTarget target, Func<AlertTarget, Task<AlertSendResult>> send, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var moves = 0;
        string? refusal = null;
        while (true)
        {
            var result = await SendAsync(sender, item, () => send(target), cancellationToken);
            attempts++;
            switch (result.Status)
            {
                case AlertSendStatus.Rejected when target.Form == AlertForm.Full:
                    refusal = result.Error;
                    LogPlainFallback(logger, item.Delivery.Id, target.Platform.ToDb(), target.ChannelId, result.Error);
                    target = target with { Form = AlertForm.Plain };
                    continue;
                case AlertSendStatus.Rejected:
                    return new Delivery(result with { Error = Refusal(refusal, result.Error) }, attempts);
                case AlertSendStatus.ChannelMoved when result.MovedTo is { Length: > 0 } movedTo && moves++ < MaxMoves:
                    var from = item.Subscription.ChannelId;
                    var count = await subscriptions.MoveChannelAsync(target.Platform, from, movedTo, cancellationToken);
                    LogMoved(logger, target.Platform.ToDb(), from, movedTo, count);
                    if (outbox.IsRemoved(item))
                    {
                        // The new channel had its own subscription of this scope, with this very alert: that row sends it.
                        return new Delivery(result, attempts, Superseded: true);
                    }

                    if (senders.TargetOf(item.Subscription).Target is not { } moved)
                    {
                        return new Delivery(AlertSendResult.Retry($"The chat moved to {movedTo}; its subscription there has no usable target."), attempts);
                    }

                    target = moved with { Form = target.Form };
                    continue;
                case AlertSendStatus.ChannelMoved:
                    return new Delivery(AlertSendResult.Retry(result.Error ?? "The chat moved again."), attempts);
                default:
                    return new Delivery(result, attempts);
            }
        }
    }

    private async Task<AlertSendResult> SendAsync(IAlertSender sender, OutboxItem item, Func<Task<AlertSendResult>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return AlertSendResult.Retry("Stopped before the send finished.", TimeSpan.Zero);
        }
        catch (Exception ex)
        {
            // A sender bug or an outage it did not classify: keep the alert and try again later.
            LogSenderFailed(logger, ex, sender.Platform.ToDb(), item.Delivery.Id);
            return AlertSendResult.Retry($"{sender.Platform.ToDb()} send failed: {ex.GetType().Name}");
        }
    }

    /// <summary>The platform's own words: why it refused the alert, and why it refused the plain one too when that differs.</summary>
    private static string? Refusal(string? full, string? plain) =>
        full is null || plain is null || full == plain ? plain ?? full : $"{full} (plain text also refused: {plain})";

    /// <summary>What one dispatch did, counted in rows.</summary>
    private sealed class Tally
    {
        public int Sent { get; set; }

        public int Retrying { get; set; }

        public int Failed { get; set; }

        public int Waiting { get; set; }

        public int Expired { get; set; }
    }

    /// <param name="Superseded">The row is gone: another row carries this alert to the channel's new id.</param>
    private sealed record Delivery(AlertSendResult Result, int Attempts, bool Superseded = false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert delivery {DeliveryId} to {Platform} channel {ChannelId} will be retried in {Wait}: {Error}")]
    private static partial void LogRetry(ILogger logger, long deliveryId, string platform, string channelId, TimeSpan wait, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} channel {ChannelId} is gone; subscription {SubscriptionId} turned off: {Error}")]
    private static partial void LogChannelGone(ILogger logger, string platform, string channelId, int subscriptionId, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Platform} refused alert delivery {DeliveryId} to channel {ChannelId} ({Error}); sending it again as plain text")]
    private static partial void LogPlainFallback(ILogger logger, long deliveryId, string platform, string channelId, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} refused alert delivery {DeliveryId} to channel {ChannelId}, also as plain text; it failed: {Error}")]
    private static partial void LogRejected(ILogger logger, long deliveryId, string platform, string channelId, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} chat {FromChannelId} moved to {ToChannelId}; {Count} subscription(s) follow it")]
    private static partial void LogMoved(ILogger logger, string platform, string fromChannelId, string toChannelId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert delivery {DeliveryId} to {Platform} channel {ChannelId} expired: older than Alerts:MaxAge ({MaxAge})")]
    private static partial void LogExpired(ILogger logger, long deliveryId, string platform, string channelId, TimeSpan maxAge);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} alerts went to {Platform} channel {ChannelId} as one digest ({Reason})")]
    private static partial void LogDigest(ILogger logger, int count, string platform, string channelId, DigestReason reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Platform} sender failed on delivery {DeliveryId}")]
    private static partial void LogSenderFailed(ILogger logger, Exception exception, string platform, long deliveryId);
}

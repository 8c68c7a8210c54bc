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
        int sent = 0, retrying = 0, failed = 0, waiting = 0, expired = 0;
        var order = new ChannelOrder();
        long lastId = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var batch = await outbox.NextDueAsync(lastId, now, BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            lastId = batch[^1].Delivery.Id;
            // Alerts to one channel keep their order: while an older one waits for its retry or is in flight, newer ones wait too.
            order.Refresh(await outbox.FirstHeldByChannelAsync(now, cancellationToken));
            foreach (var item in batch)
            {
                if (outbox.IsRemoved(item))
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
                    failed++;
                    continue;
                }

                var expiresAt = AlertOutbox.ExpiresAt(item, maxAge);
                if (now >= expiresAt)
                {
                    await outbox.MarkExpiredAsync(item, maxAge, cancellationToken);
                    expired++;
                    LogExpired(logger, item.Delivery.Id, subscription.Platform.ToDb(), subscription.ChannelId, maxAge);
                    continue;
                }

                if (senders.For(subscription) is not { } sender)
                {
                    waiting++;
                    continue;
                }

                var resolved = senders.TargetOf(subscription);
                if (resolved.Target is not { } target)
                {
                    // Nowhere to send it (a webhook URL this key cannot decrypt): as good as a channel that is gone.
                    order.Block(subscription);
                    failed += await outbox.FailChannelGoneAsync(item, resolved.Error, now, 0, cancellationToken);
                    LogChannelGone(logger, subscription.Platform.ToDb(), subscription.ChannelId, subscription.Id, resolved.Error);
                    continue;
                }

                if (!await outbox.ClaimAsync(item.Delivery.Id, now, cancellationToken))
                {
                    continue;
                }

                var delivery = await DeliverAsync(sender, item, target, cancellationToken);
                now = time.GetUtcNow().UtcDateTime;
                if (delivery.Superseded)
                {
                    continue;
                }

                subscription = item.Subscription;
                var result = delivery.Result;
                switch (result.Status)
                {
                    case AlertSendStatus.Sent:
                        await outbox.MarkSentAsync(item, now, result.ExternalMessageId, delivery.Attempts);
                        sent++;
                        break;
                    case AlertSendStatus.Retry:
                        var wait = result.RetryAfter ?? Backoff(item.Delivery.Attempts + delivery.Attempts);
                        await outbox.MarkRetryAsync(item, now, wait, result.Error, delivery.Attempts, expiresAt);
                        order.Block(subscription);
                        retrying++;
                        LogRetry(logger, item.Delivery.Id, subscription.Platform.ToDb(), subscription.ChannelId, wait, result.Error);
                        break;
                    case AlertSendStatus.Rejected:
                        await outbox.FailRejectedAsync(item, result.Error, delivery.Attempts);
                        failed++;
                        LogRejected(logger, item.Delivery.Id, subscription.Platform.ToDb(), subscription.ChannelId, result.Error);
                        break;
                    case AlertSendStatus.ChannelGone:
                        order.Block(subscription);
                        failed += await outbox.FailChannelGoneAsync(item, result.Error, now, delivery.Attempts, cancellationToken);
                        LogChannelGone(logger, subscription.Platform.ToDb(), subscription.ChannelId, subscription.Id, result.Error);
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown send status {result.Status}.");
                }
            }
        }

        metrics.AlertsDispatched(sent, retrying, failed + expired);
        return new DispatchResult(sent, retrying, failed, waiting, expired);
    }

    public static TimeSpan Backoff(int attempts) => RetryBackoff.After(attempts);

    /// <summary>
    /// One alert's way out, however many sends it takes: the full form, then the plain form if the platform refused
    /// the full one; and after a move, the same again to the channel's new id.
    /// </summary>
    private async Task<Delivery> DeliverAsync(IAlertSender sender, OutboxItem item, AlertTarget target, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var moves = 0;
        string? refusal = null;
        while (true)
        {
            var result = await SendAsync(sender, item, target, cancellationToken);
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

    private async Task<AlertSendResult> SendAsync(IAlertSender sender, OutboxItem item, AlertTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.SendAsync(item.Alert, target, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Platform} sender failed on delivery {DeliveryId}")]
    private static partial void LogSenderFailed(ILogger logger, Exception exception, string platform, long deliveryId);
}

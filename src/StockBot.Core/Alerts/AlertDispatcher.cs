using Microsoft.Extensions.Logging;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Common;
using StockBot.Core.Security;

namespace StockBot.Core.Alerts;

public sealed record DispatchResult(int Sent, int Retrying, int Failed, int Waiting);

/// <summary>
/// Sends the alert outbox: pending deliveries oldest first, each marked sent once; failed sends
/// retried after 10 s doubling up to 10 minutes (a platform's retry-after wins); a channel that is
/// gone fails its deliveries and deactivates its subscription.
/// </summary>
public sealed partial class AlertDispatcher(
    AlertOutbox outbox,
    IEnumerable<IAlertSender> senders,
    Operations.StockBotMetrics metrics,
    TimeProvider time,
    ILogger<AlertDispatcher> logger,
    SecretProtector? protector = null)
{
    private static readonly ExponentialBackoff RetryBackoff = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));

    private const int BatchSize = 100;

    // A platform may have two ways out: its bot, and channel webhooks (Discord).
    private readonly Dictionary<(Platform, bool Webhooks), IAlertSender> byPlatform = senders.ToDictionary(s => (s.Platform, s.SendsToWebhooks));

    public async Task<DispatchResult> DispatchAsync(CancellationToken cancellationToken)
    {
        int sent = 0, retrying = 0, failed = 0, waiting = 0;
        var blocked = new HashSet<int>();
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
            // Alerts to one channel keep their order: while an older one waits for its retry, newer ones wait too.
            var heldFrom = await outbox.FirstWaitingBySubscriptionAsync(now, cancellationToken);
            foreach (var item in batch)
            {
                var subscription = item.Subscription;
                if (blocked.Contains(subscription.Id)
                    || (heldFrom.TryGetValue(subscription.Id, out var first) && first < item.Delivery.Id))
                {
                    continue;
                }

                if (!subscription.IsActive)
                {
                    await outbox.FailInactiveAsync(item, cancellationToken);
                    failed++;
                    continue;
                }

                if (!byPlatform.TryGetValue((subscription.Platform, subscription.WebhookUrlEncrypted is not null), out var sender))
                {
                    waiting++;
                    continue;
                }

                if (!await outbox.ClaimAsync(item.Delivery.Id, now, cancellationToken))
                {
                    continue;
                }

                var result = await SendAsync(sender, item, cancellationToken);
                now = time.GetUtcNow().UtcDateTime;
                switch (result.Status)
                {
                    case AlertSendStatus.Sent:
                        await outbox.MarkSentAsync(item, now, result.ExternalMessageId);
                        sent++;
                        break;
                    case AlertSendStatus.Retry:
                        var wait = result.RetryAfter ?? Backoff(item.Delivery.Attempts + 1);
                        await outbox.MarkRetryAsync(item, now, wait, result.Error);
                        blocked.Add(subscription.Id);
                        retrying++;
                        LogRetry(logger, item.Delivery.Id, subscription.Platform.ToDb(), subscription.ChannelId, wait, result.Error);
                        break;
                    case AlertSendStatus.ChannelGone:
                        blocked.Add(subscription.Id);
                        failed += await outbox.FailChannelGoneAsync(item, result.Error, cancellationToken);
                        LogChannelGone(logger, subscription.Platform.ToDb(), subscription.ChannelId, subscription.Id, result.Error);
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown send status {result.Status}.");
                }
            }
        }

        metrics.AlertsDispatched(sent, retrying, failed);
        return new DispatchResult(sent, retrying, failed, waiting);
    }

    public static TimeSpan Backoff(int attempts) => RetryBackoff.After(attempts);

    private async Task<AlertSendResult> SendAsync(IAlertSender sender, OutboxItem item, CancellationToken cancellationToken)
    {
        var subscription = item.Subscription;
        try
        {
            return await sender.SendAsync(
                item.Alert,
                new AlertTarget(subscription.Id, subscription.Platform, subscription.ChannelId, subscription.Mention)
                {
                    WebhookUrl = subscription.WebhookUrlEncrypted is { } sealedUrl && protector is not null ? protector.Unprotect(sealedUrl) : null,
                },
                cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert delivery {DeliveryId} to {Platform} channel {ChannelId} will be retried in {Wait}: {Error}")]
    private static partial void LogRetry(ILogger logger, long deliveryId, string platform, string channelId, TimeSpan wait, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} channel {ChannelId} is gone; subscription {SubscriptionId} turned off: {Error}")]
    private static partial void LogChannelGone(ILogger logger, string platform, string channelId, int subscriptionId, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Platform} sender failed on delivery {DeliveryId}")]
    private static partial void LogSenderFailed(ILogger logger, Exception exception, string platform, long deliveryId);
}

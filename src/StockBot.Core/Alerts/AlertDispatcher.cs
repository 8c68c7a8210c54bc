using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StockBot.Core.Monitors;
using StockBot.Data;
using StockBot.Data.Entities;

namespace StockBot.Core.Alerts;

public sealed record DispatchResult(int Sent, int Retrying, int Failed, int Waiting);

/// <summary>
/// Sends the alert outbox: pending deliveries oldest first, each marked sent once; failed sends
/// retried after 10 s doubling up to 10 minutes (a platform's retry-after wins); a channel that is
/// gone fails its deliveries and deactivates its subscription.
/// </summary>
public sealed partial class AlertDispatcher(
    StockBotDbContext db,
    IEnumerable<IAlertSender> senders,
    Operations.StockBotMetrics metrics,
    TimeProvider time,
    ILogger<AlertDispatcher> logger)
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(10);

    // Another dispatcher (a CLI `check` beside the running bot) skips a row while it is claimed.
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);
    private const int BatchSize = 100;

    private readonly Dictionary<string, IAlertSender> byPlatform = senders.ToDictionary(s => s.Platform, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Platforms => byPlatform.Keys;

    public async Task<DispatchResult> DispatchAsync(CancellationToken cancellationToken)
    {
        int sent = 0, retrying = 0, failed = 0, waiting = 0;
        var blocked = new HashSet<int>();
        long lastId = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var batch = await db.AlertDeliveries
                .Include(d => d.Subscription)
                .Include(d => d.MonitorHistory).ThenInclude(h => h!.MonitorConfig).ThenInclude(m => m!.Website)
                .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && d.Id > lastId)
                .OrderBy(d => d.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            lastId = batch[^1].Id;
            // Alerts to one channel keep their order: while an older one waits for its retry, newer ones wait too.
            var heldFrom = await db.AlertDeliveries
                .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt > now)
                .GroupBy(d => d.SubscriptionId)
                .Select(g => new { g.Key, First = g.Min(d => d.Id) })
                .ToDictionaryAsync(g => g.Key, g => g.First, cancellationToken);
            foreach (var delivery in batch)
            {
                var subscription = delivery.Subscription!;
                if (blocked.Contains(subscription.Id)
                    || (heldFrom.TryGetValue(subscription.Id, out var first) && first < delivery.Id))
                {
                    continue;
                }

                if (!subscription.IsActive)
                {
                    delivery.Status = DeliveryStatus.Failed;
                    delivery.LastError = "The subscription was turned off before this alert was sent.";
                    await db.SaveChangesAsync(cancellationToken);
                    failed++;
                    continue;
                }

                if (!byPlatform.TryGetValue(subscription.Platform, out var sender))
                {
                    waiting++;
                    continue;
                }

                if (!await ClaimAsync(delivery.Id, now, cancellationToken))
                {
                    continue;
                }

                var result = await SendAsync(sender, delivery, cancellationToken);
                now = time.GetUtcNow().UtcDateTime;
                delivery.Attempts++;
                switch (result.Status)
                {
                    case AlertSendStatus.Sent:
                        delivery.Status = DeliveryStatus.Sent;
                        delivery.SentAt = now;
                        delivery.NextAttemptAt = now;
                        delivery.ExternalMessageId = result.ExternalMessageId;
                        delivery.LastError = null;
                        sent++;
                        break;
                    case AlertSendStatus.Retry:
                        var wait = result.RetryAfter ?? Backoff(delivery.Attempts);
                        delivery.NextAttemptAt = now + wait;
                        delivery.LastError = result.Error is null ? null : TextLimit.Clip(result.Error, 500);
                        blocked.Add(subscription.Id);
                        retrying++;
                        LogRetry(logger, delivery.Id, subscription.Platform, subscription.ChannelId, wait, result.Error);
                        break;
                    default:
                        delivery.Status = DeliveryStatus.Failed;
                        delivery.LastError = result.Error is null ? null : TextLimit.Clip(result.Error, 500);
                        subscription.IsActive = false;
                        blocked.Add(subscription.Id);
                        failed++;
                        failed += await db.AlertDeliveries
                            .Where(d => d.SubscriptionId == subscription.Id && d.Status == DeliveryStatus.Pending && d.Id != delivery.Id)
                            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.LastError, "The channel is gone."), cancellationToken);
                        LogChannelGone(logger, subscription.Platform, subscription.ChannelId, subscription.Id, result.Error);
                        break;
                }

                await db.SaveChangesAsync(CancellationToken.None);
            }
        }

        metrics.AlertsDispatched(sent, retrying, failed);
        return new DispatchResult(sent, retrying, failed, waiting);
    }

    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));

    public static Alert ToAlert(MonitorHistory history)
    {
        var monitor = history.MonitorConfig!;
        var website = monitor.Website!;
        var kind = history.EventType switch
        {
            EventTypes.StockIncreased => AlertKind.Restock,
            EventTypes.StockDecreased => AlertKind.Purchase,
            EventTypes.ThresholdBreachLow => AlertKind.ThresholdLow,
            EventTypes.ThresholdBreachHigh => AlertKind.ThresholdHigh,
            EventTypes.MonitorError => AlertKind.MonitorError,
            _ => AlertKind.MonitorRecovered,
        };
        var detail = kind is AlertKind.MonitorError or AlertKind.MonitorRecovered ? history.Message : null;
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
            StockControlEnabled(history.MetadataJson),
            history.ThresholdValue,
            history.CreatedAt,
            BuyLink.For(website.WebsiteUrl, monitor.ProductId, monitor.PurchaseLink),
            detail);
    }

    private async Task<bool> ClaimAsync(long deliveryId, DateTime now, CancellationToken cancellationToken) =>
        await db.AlertDeliveries
            .Where(d => d.Id == deliveryId && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now + ClaimLease), cancellationToken) == 1;

    private async Task<AlertSendResult> SendAsync(IAlertSender sender, AlertDelivery delivery, CancellationToken cancellationToken)
    {
        var subscription = delivery.Subscription!;
        try
        {
            return await sender.SendAsync(
                ToAlert(delivery.MonitorHistory!),
                new AlertTarget(subscription.Id, subscription.Platform, subscription.ChannelId, subscription.Mention),
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return AlertSendResult.Retry("Stopped before the send finished.", TimeSpan.Zero);
        }
        catch (Exception ex)
        {
            // A sender bug or an outage it did not classify: keep the alert and try again later.
            LogSenderFailed(logger, ex, sender.Platform, delivery.Id);
            return AlertSendResult.Retry($"{sender.Platform} send failed: {ex.GetType().Name}");
        }
    }

    private static bool StockControlEnabled(string? metadataJson)
    {
        if (string.IsNullOrEmpty(metadataJson))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(metadataJson);
            return !document.RootElement.TryGetProperty("stock_control_enabled", out var value) || value.ValueKind != JsonValueKind.False;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert delivery {DeliveryId} to {Platform} channel {ChannelId} will be retried in {Wait}: {Error}")]
    private static partial void LogRetry(ILogger logger, long deliveryId, string platform, string channelId, TimeSpan wait, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Platform} channel {ChannelId} is gone; subscription {SubscriptionId} turned off: {Error}")]
    private static partial void LogChannelGone(ILogger logger, string platform, string channelId, int subscriptionId, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Platform} sender failed on delivery {DeliveryId}")]
    private static partial void LogSenderFailed(ILogger logger, Exception exception, string platform, long deliveryId);
}

using Microsoft.Extensions.Logging;
using StockBot.Core.Monitors;
using StockBot.Core.Subscriptions;

namespace StockBot.Core.Alerts;

/// <summary>How a test message ended, as `subscription test --json` prints it (`"outcome": "sent"`).</summary>
public static class TestOutcome
{
    public const string Sent = "sent";

    /// <summary>The platform said no: the bot may not post there, the channel is gone, or it refused the message.</summary>
    public const string Refused = "refused";

    /// <summary>The platform did not answer in time, or asked to wait (5xx, timeouts, 429).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>This process has no sender for the platform (its bot token is not set here).</summary>
    public const string NotConfigured = "not_configured";
}

public sealed record SubscriptionTestResult(int SubscriptionId, string Platform, string ChannelId, string Outcome, string? MessageId, string? Error, string? MovedTo = null)
{
    public bool Delivered => Outcome == TestOutcome.Sent;

    /// <summary>One sentence for a person: what the platform answered.</summary>
    public string Summary => Outcome switch
    {
        TestOutcome.Sent => $"Test message posted to {Platform} channel {ChannelId}{(MessageId is null ? string.Empty : $" (message {MessageId})")}.",
        TestOutcome.NotConfigured => $"Nothing was sent: {Error}",
        TestOutcome.Unavailable => $"{Platform} did not take the test message for channel {ChannelId} now: {Error}",
        _ => $"{Platform} refused the test message for channel {ChannelId}: {Error}",
    };
}

/// <summary>
/// `subscription test ID` (and the end of `/subscribe`): a message marked as a test, to the subscription's channel,
/// now, through the real sender, so a missing permission shows at once and not at the first restock. A refusal is
/// kept on the subscription (shown by `status`); a success clears it.
/// </summary>
public sealed partial class SubscriptionTester(
    StockBotDbContext db, AlertSenders senders, SubscriptionService subscriptions, TimeProvider time, ILogger<SubscriptionTester> logger)
{
    /// <summary>Where the test's Buy button points when no website is known yet.</summary>
    public const string FallbackLink = "https://github.com/stockbot/stockbot";

    public async Task<SubscriptionTestResult> TestAsync(int subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken)
            ?? throw InputException.NotFound("subscription_id", "subscription", subscriptionId);
        var webhook = subscription.WebhookUrlEncrypted is not null;
        if (senders.For(subscription) is not { } sender)
        {
            return Result(subscription, TestOutcome.NotConfigured, null, AlertSenders.NotConfigured(subscription.Platform, webhook));
        }

        var alert = await TestAlertAsync(subscription, cancellationToken);
        string? movedTo = null;
        var result = await SendAsync(sender, alert, subscription, cancellationToken);
        if (result.Status == AlertSendStatus.ChannelMoved && result.MovedTo is { Length: > 0 } newId)
        {
            var (platform, websiteId, monitorId) = (subscription.Platform, subscription.WebsiteId, subscription.MonitorConfigId);
            await subscriptions.MoveChannelAsync(platform, subscription.ChannelId, newId, cancellationToken);
            movedTo = newId;
            // The same row with its new id, or the new chat's own subscription of this scope when it had one.
            subscription = await db.Subscriptions.FirstOrDefaultAsync(
                s => s.Platform == platform && s.ChannelId == newId && s.WebsiteId == websiteId && s.MonitorConfigId == monitorId,
                cancellationToken) ?? subscription;
            result = await SendAsync(sender, alert, subscription, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var outcome = result.Status switch
        {
            AlertSendStatus.Sent => TestOutcome.Sent,
            AlertSendStatus.Retry => TestOutcome.Unavailable,
            _ => TestOutcome.Refused,
        };
        if (outcome == TestOutcome.Sent)
        {
            subscription.LastError = null;
            subscription.LastErrorAt = null;
        }
        else if (outcome == TestOutcome.Refused)
        {
            subscription.LastError = TextLimit.Clip($"Test message refused: {result.Error ?? "no reason given"}", 500);
            subscription.LastErrorAt = now;
        }

        await db.SaveChangesAsync(CancellationToken.None);
        LogTested(logger, subscription.Id, subscription.Platform.ToDb(), subscription.ChannelId, outcome, result.Error);
        return Result(subscription, outcome, result.ExternalMessageId, outcome == TestOutcome.Sent ? null : result.Error) with { MovedTo = movedTo };
    }

    private async Task<AlertSendResult> SendAsync(IAlertSender sender, Alert alert, Subscription subscription, CancellationToken cancellationToken)
    {
        var resolved = senders.TargetOf(subscription);
        if (resolved.Target is not { } target)
        {
            return AlertSendResult.Gone(resolved.Error ?? "No target.");
        }

        try
        {
            return await sender.SendAsync(alert, target, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSenderFailed(logger, ex, sender.Platform.ToDb(), subscription.Id);
            return AlertSendResult.Retry($"{sender.Platform.ToDb()} send failed: {ex.GetType().Name}");
        }
    }

    /// <summary>A restock-shaped alert marked as a test, on a monitor of the subscription's scope when there is one (its real Buy link).</summary>
    private async Task<Alert> TestAlertAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        var monitors = db.MonitorConfigs.AsNoTracking().Include(m => m.Website).AsQueryable();
        if (subscription.MonitorConfigId is { } monitorId)
        {
            monitors = monitors.Where(m => m.Id == monitorId);
        }
        else if (subscription.WebsiteId is { } websiteId)
        {
            monitors = monitors.Where(m => m.WebsiteId == websiteId);
        }

        var monitor = await monitors.OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        var website = monitor?.Website ?? await db.Websites.AsNoTracking()
            .Where(w => subscription.WebsiteId == null || w.Id == subscription.WebsiteId)
            .OrderBy(w => w.Id).FirstOrDefaultAsync(cancellationToken);
        var link = monitor is not null ? BuyLink.For(website!.WebsiteUrl, monitor.ProductId, monitor.PurchaseLink) : website?.WebsiteUrl ?? FallbackLink;
        return new Alert(
            0,
            AlertKind.Restock,
            monitor?.Id ?? 0,
            AlertText.TestProduct,
            monitor?.ProductId ?? 0,
            website?.Name ?? "StockBot",
            website?.Region,
            null,
            1,
            1,
            true,
            null,
            time.GetUtcNow().UtcDateTime,
            link,
            AlertText.TestSummary) { IsTest = true };
    }

    private static SubscriptionTestResult Result(Subscription s, string outcome, string? messageId, string? error) =>
        new(s.Id, s.Platform.ToDb(), s.ChannelId, outcome, messageId, error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Test message for subscription {SubscriptionId} to {Platform} channel {ChannelId}: {Outcome} {Error}")]
    private static partial void LogTested(ILogger logger, int subscriptionId, string platform, string channelId, string outcome, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Platform} sender failed on the test message for subscription {SubscriptionId}")]
    private static partial void LogSenderFailed(ILogger logger, Exception exception, string platform, int subscriptionId);
}

namespace StockBot.Core.Alerts;

/// <summary>What kind of alert, by which each platform picks its emoji, colour and wording.</summary>
public enum AlertKind
{
    Restock,
    Purchase,
    ThresholdLow,
    ThresholdHigh,
    MonitorError,
    MonitorRecovered,
}

/// <summary>A platform-neutral alert: everything a sender needs, nothing of the database.</summary>
public sealed record Alert(
    long EventId,
    AlertKind Kind,
    int MonitorId,
    string Product,
    int ProductId,
    string Website,
    string? Region,
    int? FromQuantity,
    int ToQuantity,
    int Delta,
    bool StockControlEnabled,
    int? Threshold,
    DateTime OccurredAtUtc,
    string BuyLink,
    string? Detail)
{
    public bool InStock => !StockControlEnabled || ToQuantity > 0;
}

/// <summary>Where an alert goes: a platform's channel, and who to mention there.</summary>
public sealed record AlertTarget(int SubscriptionId, Platform Platform, string ChannelId, string? Mention);

public enum AlertSendStatus
{
    Sent,

    /// <summary>Try again later: the platform is down, slow, or rate limiting.</summary>
    Retry,

    /// <summary>The channel is gone or the bot lost access: stop sending there.</summary>
    ChannelGone,
}

public sealed record AlertSendResult(AlertSendStatus Status, string? ExternalMessageId = null, TimeSpan? RetryAfter = null, string? Error = null)
{
    public static AlertSendResult Sent(string? externalMessageId = null) => new(AlertSendStatus.Sent, externalMessageId);

    public static AlertSendResult Retry(string error, TimeSpan? retryAfter = null) => new(AlertSendStatus.Retry, null, retryAfter, error);

    public static AlertSendResult Gone(string error) => new(AlertSendStatus.ChannelGone, Error: error);
}

/// <summary>A chat platform's way out. The core calls it; it knows nothing of the platform.</summary>
public interface IAlertSender
{
    Platform Platform { get; }

    Task<AlertSendResult> SendAsync(Alert alert, AlertTarget target, CancellationToken cancellationToken);
}

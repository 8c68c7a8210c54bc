namespace StockBot.Core.Alerts;

/// <summary>What kind of alert, by which each platform picks its emoji, colour and wording.</summary>
public enum AlertKind
{
    /// <summary>More stock: "Back in stock" from 0 / unavailable, "More stock" from n to m &gt; n.</summary>
    Restock,

    /// <summary>A decrease that leaves some in stock.</summary>
    Purchase,

    /// <summary>A decrease to 0 / unavailable.</summary>
    SoldOut,

    ThresholdLow,
    ThresholdHigh,
    MonitorError,
    MonitorRecovered,

    /// <summary>A product a website lists for the first time; no monitor yet.</summary>
    NewProduct,
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

    /// <summary>True for a restock from 0 / unavailable ("Back in stock"); false for n to m &gt; n ("More stock").</summary>
    public bool FromNothing => !StockControlEnabled || FromQuantity is not > 0;

    /// <summary>The mark a stock change also crossed (a sale that fell below the low mark), with <see cref="Threshold"/>; null when none.</summary>
    public ThresholdType? Crossed { get; init; }

    /// <summary>The product's last known price with its cycle ("$5.00/mo"), when WHMCS or the store gave one.</summary>
    public string? Price { get; init; }

    /// <summary>
    /// A test message (`subscription test`, the end of `/subscribe`), not news: <see cref="AlertText"/> words it as
    /// "Test: StockBot test message", and renderers should show it as a test.
    /// </summary>
    public bool IsTest { get; init; }
}

/// <summary>Where an alert goes: a platform's channel, and who to mention there.</summary>
public sealed record AlertTarget(int SubscriptionId, Platform Platform, string ChannelId, string? Mention)
{
    /// <summary>A Telegram forum topic (message_thread_id) inside the chat; null for the chat itself.</summary>
    public string? ThreadId { get; init; }

    /// <summary>A Discord channel webhook's execute URL (decrypted; a secret: never logged) instead of the bot.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>Which body to send: the full one, or the plain fallback after the platform refused the full one.</summary>
    public AlertForm Form { get; init; } = AlertForm.Full;

    /// <summary>The subscription's Liquid template (`--template`), checked when it was stored; null: the built-in text.</summary>
    public string? Template { get; init; }
}

public enum AlertForm
{
    /// <summary>Embeds or HTML, buttons, links and mentions.</summary>
    Full,

    /// <summary>Text only: no buttons, links, markup or mentions, so nothing in it can be what the platform refuses.</summary>
    Plain,
}

public enum AlertSendStatus
{
    Sent,

    /// <summary>Try again later: the platform is down, slow, or rate limiting (5xx, timeouts, 429, network).</summary>
    Retry,

    /// <summary>The platform says this message is wrong (a permanent 4xx about the body): resending it as is cannot help.</summary>
    Rejected,

    /// <summary>The channel is gone or the bot lost access: stop sending there.</summary>
    ChannelGone,

    /// <summary>The channel has a new id (a Telegram group upgraded to a supergroup): send there from now on.</summary>
    ChannelMoved,
}

public sealed record AlertSendResult(
    AlertSendStatus Status, string? ExternalMessageId = null, TimeSpan? RetryAfter = null, string? Error = null, string? MovedTo = null)
{
    public static AlertSendResult Sent(string? externalMessageId = null) => new(AlertSendStatus.Sent, externalMessageId);

    public static AlertSendResult Retry(string error, TimeSpan? retryAfter = null) => new(AlertSendStatus.Retry, null, retryAfter, error);

    /// <summary>The platform refused this message; <paramref name="error"/> is its own error text.</summary>
    public static AlertSendResult Rejected(string error) => new(AlertSendStatus.Rejected, Error: error);

    public static AlertSendResult Gone(string error) => new(AlertSendStatus.ChannelGone, Error: error);

    public static AlertSendResult Moved(string newChannelId, string error) => new(AlertSendStatus.ChannelMoved, Error: error, MovedTo: newChannelId);
}

/// <summary>A chat platform's way out. The core calls it; it knows nothing of the platform.</summary>
public interface IAlertSender
{
    Platform Platform { get; }

    /// <summary>True for a sender that posts through <see cref="AlertTarget.WebhookUrl"/> (no bot), false for the platform's bot.</summary>
    bool SendsToWebhooks => false;

    Task<AlertSendResult> SendAsync(Alert alert, AlertTarget target, CancellationToken cancellationToken);

    /// <summary>True for a sender that posts several alerts as one message (<see cref="SendDigestAsync"/>); others get them one by one.</summary>
    bool SendsDigests => false;

    /// <summary>Several alerts as one message, with the same outcomes as <see cref="SendAsync"/>.</summary>
    Task<AlertSendResult> SendDigestAsync(Digest digest, AlertTarget target, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {Platform.ToDb()} sender sends no digests.");
}

namespace StockBot.Core.Subscriptions;

public sealed record SubscriptionInput(
    Platform Platform,
    string ChannelId,
    int? WebsiteId = null,
    int? MonitorConfigId = null,
    string? Events = null,
    string? Mention = null,
    string? CreatedBy = null,
    string? WebhookUrl = null)
{
    /// <summary>The thread inside the channel the alerts go to (a Telegram forum topic); null for the channel itself.</summary>
    public string? ThreadId { get; init; }

    /// <summary>The subscription's own alert text, Liquid (`--template`); checked with sample values before it is stored.</summary>
    public string? Template { get; init; }
}

/// <summary>
/// A subscription as front ends show it; the platform is its stored name (`"platform":"telegram"`). Webhook is the
/// masked webhook URL of a webhook target (its token never), null for a bot's channel.
/// </summary>
public sealed record SubscriptionView(
    int Id,
    string Platform,
    string ChannelId,
    int? WebsiteId,
    int? MonitorConfigId,
    string Scope,
    string EventKinds,
    string? Mention,
    bool IsActive,
    string? CreatedBy,
    DateTime CreatedAt,
    string? Webhook = null)
{
    /// <summary>Why the platform last refused this channel (null when it works): `status` lists it too.</summary>
    public string? LastError { get; init; }

    public DateTime? LastErrorAt { get; init; }

    /// <summary>The subscription's Liquid template (`--template`); null: the built-in alert text.</summary>
    public string? Template { get; init; }
}

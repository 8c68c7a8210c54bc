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
    /// <summary>`--digest-after N`: more alerts than this due at once go as one digest (null: the default, 5).</summary>
    public int? DigestAfter { get; init; }

    /// <summary>`--quiet HH:MM-HH:MM` (null: none).</summary>
    public string? QuietHours { get; init; }

    /// <summary>`--timezone IANA` of the quiet hours (null: UTC).</summary>
    public string? TimeZone { get; init; }

    /// <summary>A personal follow (`/follow`): the channel is the private chat of the user in CreatedBy.</summary>
    public bool IsPersonal { get; init; }
}

/// <summary>
/// `subscription update`: what to change; null leaves a value as it is, a quiet of "off" ends the quiet hours, a
/// template of "off" goes back to the built-in alert text.
/// </summary>
public sealed record SubscriptionUpdate(int? DigestAfter = null, string? QuietHours = null, string? TimeZone = null, string? Template = null);

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
    public int DigestAfter { get; init; } = Subscription.DefaultDigestAfter;

    /// <summary>"22:00-07:00" (null: none), in <see cref="TimeZone"/>.</summary>
    public string? QuietHours { get; init; }

    public string? TimeZone { get; init; }

    /// <summary>A personal follow (`/follow`) of the user in CreatedBy, alerted in their private chat (`"personal": true`).</summary>
    public bool Personal { get; init; }
}

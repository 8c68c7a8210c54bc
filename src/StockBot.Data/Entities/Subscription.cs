namespace StockBot.Data.Entities;

public sealed class Subscription
{
    public const int DefaultDigestAfter = 5;

    public int Id { get; set; }
    [MaxLength(20)]
    public required Platform Platform { get; set; }
    [MaxLength(100)]
    public required string ChannelId { get; set; }
    public int? WebsiteId { get; set; }
    public Website? Website { get; set; }
    public int? MonitorConfigId { get; set; }
    public MonitorConfig? MonitorConfig { get; set; }
    [MaxLength(100)]
    public required string EventKinds { get; set; }
    [MaxLength(100)]
    public string? Mention { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>A Telegram forum topic (message_thread_id) the alerts go to, inside the chat.</summary>
    [MaxLength(32)]
    public string? ThreadId { get; set; }
    /// <summary>A Discord channel webhook's URL, encrypted like website secrets; alerts go through it instead of the bot.</summary>
    [MaxLength(1000)]
    public string? WebhookUrlEncrypted { get; set; }
    /// <summary>Why the platform last refused this channel (gone, no rights), shown in `status`; null when it works.</summary>
    [MaxLength(500)]
    public string? LastError { get; set; }
    public DateTime? LastErrorAt { get; set; }
    /// <summary>The subscription's own alert text, a Liquid template (`--template`); null: the built-in text.</summary>
    [MaxLength(1000)]
    public string? Template { get; set; }
    /// <summary>More alerts than this due at once to this channel go as one digest message.</summary>
    public int DigestAfter { get; set; } = DefaultDigestAfter;
    /// <summary>Quiet hours as "HH:MM-HH:MM" in <see cref="TimeZone"/>: alerts are held, then sent as one digest; null = none.</summary>
    [MaxLength(11)]
    public string? QuietHours { get; set; }
    /// <summary>The IANA time zone of <see cref="QuietHours"/> (e.g. Europe/Berlin); null = UTC.</summary>
    [MaxLength(64)]
    public string? TimeZone { get; set; }
    /// <summary>
    /// A personal follow (`/follow`): the row belongs to the user in <see cref="CreatedBy"/>, and <see cref="ChannelId"/>
    /// is their private chat with the bot (Telegram: the user's id; Discord: the DM channel, opened once and kept here).
    /// </summary>
    public bool IsPersonal { get; set; }

    /// <summary>A follow the platform refused (blocked, DMs closed) was turned off and its follower was not told yet.</summary>
    public bool NoticePending { get; set; }

    [MaxLength(100)]
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A chat platform a subscription posts to; stored as the specification's strings (see <see cref="DbValues"/>).</summary>
public enum Platform
{
    Discord,
    Telegram,
    Console,
}

namespace StockBot.Data.Entities;

public sealed class Subscription
{
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

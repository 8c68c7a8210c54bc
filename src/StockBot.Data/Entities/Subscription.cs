namespace StockBot.Data.Entities;

public sealed class Subscription
{
    public int Id { get; set; }
    public required Platform Platform { get; set; }
    public required string ChannelId { get; set; }
    public int? WebsiteId { get; set; }
    public Website? Website { get; set; }
    public int? MonitorConfigId { get; set; }
    public MonitorConfig? MonitorConfig { get; set; }
    public required string EventKinds { get; set; }
    public string? Mention { get; set; }
    public bool IsActive { get; set; } = true;
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

namespace StockBot.Data.Entities;

public sealed class Subscription
{
    public int Id { get; set; }
    [MaxLength(20)]
    public required string Platform { get; set; }
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

public static class Platforms
{
    public const string Discord = "discord";
    public const string Telegram = "telegram";
    public const string Console = "console";

    public static readonly IReadOnlyList<string> All = [Discord, Telegram, Console];
}

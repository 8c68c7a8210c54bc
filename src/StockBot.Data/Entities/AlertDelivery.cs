namespace StockBot.Data.Entities;

public sealed class AlertDelivery
{
    public long Id { get; set; }
    public long MonitorHistoryId { get; set; }
    public MonitorHistory? MonitorHistory { get; set; }
    public int SubscriptionId { get; set; }
    public Subscription? Subscription { get; set; }
    public string Status { get; set; } = DeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public string? ExternalMessageId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

namespace StockBot.Data.Entities;

public sealed class AlertDelivery
{
    public long Id { get; set; }
    public long MonitorHistoryId { get; set; }
    public MonitorHistory? MonitorHistory { get; set; }
    public int SubscriptionId { get; set; }
    public Subscription? Subscription { get; set; }
    [MaxLength(20)]
    public DeliveryStatus Status { get; set; } = DeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    [MaxLength(500)]
    public string? LastError { get; set; }
    [MaxLength(100)]
    public string? ExternalMessageId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The instance (<c>Cluster:InstanceName</c>) sending this row right now; null when nobody is.</summary>
    [MaxLength(100)]
    public string? ClaimedBy { get; set; }
    /// <summary>When <see cref="ClaimedBy"/> took the row for its send.</summary>
    public DateTime? ClaimedAt { get; set; }
}

/// <summary>Where an alert row is on its way out; stored as the specification's strings (see <see cref="DbValues"/>).</summary>
public enum DeliveryStatus
{
    Pending,
    Sent,
    Failed,

    /// <summary>Listed by DESIGN.md for rows given up on by age; nothing writes it yet.</summary>
    Expired,
}

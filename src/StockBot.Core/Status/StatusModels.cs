namespace StockBot.Core.Status;

public sealed record StatusSummary(
    int MonitorId,
    int WebsiteId,
    string Website,
    string? Region,
    int ProductId,
    string Product,
    int? CurrentQuantity,
    bool? Available,
    bool StockControlEnabled,
    string Status,
    bool IsActive,
    int? ThresholdLow,
    int? ThresholdHigh,
    string? ThresholdBreached,
    string? LastError,
    string BuyLink,
    DateTime? LastCheckedAt,
    DateTime? LastChangeAt,
    string? LastChangeType)
{
    /// <summary>The website's maintenance pause, while it lasts (`website pause`): not read until then.</summary>
    public DateTime? PausedUntil { get; init; }
}

public sealed record StockRecordView(
    long Id,
    int MonitorConfigId,
    int Quantity,
    int Delta,
    bool StockControlEnabled,
    bool Available,
    string? ChangeType,
    bool ThresholdBreached,
    string? ThresholdType,
    DateTime CreatedAt);

public sealed record MonitorEventView(
    long Id,
    int MonitorConfigId,
    string EventType,
    int? FromQuantity,
    int ToQuantity,
    int Delta,
    string? ChangeType,
    bool ThresholdBreached,
    string? ThresholdType,
    int? ThresholdValue,
    string? Message,
    DateTime CreatedAt);

/// <summary>A subscription that gets no alerts (its channel is gone) or that the platform last refused, and why.</summary>
public sealed record SubscriptionProblem(
    int SubscriptionId,
    string Platform,
    string ChannelId,
    int? WebsiteId,
    int? MonitorConfigId,
    bool IsActive,
    string Reason,
    DateTime? Since);

namespace StockBot.Core.Monitors;

public sealed record MonitorInput(
    int WebsiteId,
    int ProductId,
    string? ProductName = null,
    int? ThresholdLow = null,
    int? ThresholdHigh = null,
    string? PurchaseLink = null,
    bool NotifyOnRestock = true,
    bool NotifyOnPurchase = true,
    bool NotifyOnThreshold = true);

/// <summary>A partial update: null leaves a field as it is; the Clear flags remove an optional value.</summary>
public sealed record MonitorUpdate(
    string? ProductName = null,
    int? ThresholdLow = null,
    int? ThresholdHigh = null,
    string? PurchaseLink = null,
    bool? NotifyOnRestock = null,
    bool? NotifyOnPurchase = null,
    bool? NotifyOnThreshold = null,
    bool ClearThresholdLow = false,
    bool ClearThresholdHigh = false,
    bool ClearPurchaseLink = false);

public sealed record MonitorView(
    int Id,
    int WebsiteId,
    string WebsiteName,
    int ProductId,
    string? ProductName,
    bool IsActive,
    string Status,
    int? ThresholdLow,
    int? ThresholdHigh,
    bool NotifyOnRestock,
    bool NotifyOnPurchase,
    bool NotifyOnThreshold,
    string? PurchaseLink,
    string BuyLink,
    string? LastError,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? LastCheckedAt);

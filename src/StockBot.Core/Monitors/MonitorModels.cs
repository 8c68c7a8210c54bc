using System.Text.Json.Serialization;

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
    bool NotifyOnThreshold = true)
{
    /// <summary>`--cooldown`: alerts of one kind for this monitor at most once per this (null: none).</summary>
    public TimeSpan? Cooldown { get; init; }
}

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
    bool ClearPurchaseLink = false)
{
    /// <summary>`--cooldown`: a new cooldown (0 ends it); null leaves it.</summary>
    public TimeSpan? Cooldown { get; init; }

    /// <summary>`--public`: shown on the public stock page or not; null leaves it.</summary>
    public bool? IsPublic { get; init; }
}

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
    DateTime? LastCheckedAt)
{
    /// <summary>Alerts of one kind at most once per this many seconds (0: no cooldown).</summary>
    public int CooldownSeconds { get; init; }

    /// <summary>Shown on the public stock page (`--public`); `"public"` in `monitor list --json`.</summary>
    [JsonPropertyName("public")]
    public bool IsPublic { get; init; }
}

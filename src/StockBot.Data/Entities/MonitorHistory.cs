namespace StockBot.Data.Entities;

public sealed class MonitorHistory
{
    public long Id { get; set; }
    public int MonitorConfigId { get; set; }
    public MonitorConfig? MonitorConfig { get; set; }
    public required string EventType { get; set; }
    public int? FromQuantity { get; set; }
    public int ToQuantity { get; set; }
    public int Delta { get; set; }
    public string? ChangeType { get; set; }
    public bool ThresholdBreached { get; set; }
    public string? ThresholdType { get; set; }
    public int? ThresholdValue { get; set; }
    public string? Message { get; set; }
    public string? MetadataJson { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class EventTypes
{
    public const string StockInitialized = "stock_initialized";
    public const string StockIncreased = "stock_increased";
    public const string StockDecreased = "stock_decreased";
    public const string ThresholdBreachLow = "threshold_breach_low";
    public const string ThresholdBreachHigh = "threshold_breach_high";
    public const string MonitorError = "monitor_error";
    public const string MonitorRecovered = "monitor_recovered";
}

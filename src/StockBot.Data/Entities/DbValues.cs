namespace StockBot.Data.Entities;

/// <summary>
/// The specification's exact strings for the enums stored as text: the one mapping that EF Core's value
/// conversions and the engine's raw SQL both use, so a row reads back the same whichever path wrote it.
/// </summary>
public static class DbValues
{
    public static string ToDb(this MonitorEventType value) => value switch
    {
        MonitorEventType.StockInitialized => "stock_initialized",
        MonitorEventType.StockIncreased => "stock_increased",
        MonitorEventType.StockDecreased => "stock_decreased",
        MonitorEventType.ThresholdBreachLow => "threshold_breach_low",
        MonitorEventType.ThresholdBreachHigh => "threshold_breach_high",
        MonitorEventType.MonitorError => "monitor_error",
        MonitorEventType.MonitorRecovered => "monitor_recovered",
        _ => throw Unknown(value),
    };

    public static MonitorEventType ToMonitorEventType(string value) => value switch
    {
        "stock_initialized" => MonitorEventType.StockInitialized,
        "stock_increased" => MonitorEventType.StockIncreased,
        "stock_decreased" => MonitorEventType.StockDecreased,
        "threshold_breach_low" => MonitorEventType.ThresholdBreachLow,
        "threshold_breach_high" => MonitorEventType.ThresholdBreachHigh,
        "monitor_error" => MonitorEventType.MonitorError,
        "monitor_recovered" => MonitorEventType.MonitorRecovered,
        _ => throw Unknown(value),
    };

    private static ArgumentOutOfRangeException Unknown<T>(T value) =>
        new(nameof(value), value, $"No stored {typeof(T).Name} value matches.");
}

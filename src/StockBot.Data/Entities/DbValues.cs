namespace StockBot.Data.Entities;

/// <summary>
/// The specification's exact strings for the enums stored as text: the one mapping that EF Core's value
/// conversions and the engine's raw SQL both use, so a row reads back the same whichever path wrote it.
/// A string no mapping knows is an error, never a guess.
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
        MonitorEventType.ProductNew => "product_new",
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
        "product_new" => MonitorEventType.ProductNew,
        _ => throw Unknown(value),
    };

    public static string ToDb(this MonitorStatus value) => value switch
    {
        MonitorStatus.Active => "active",
        MonitorStatus.Paused => "paused",
        MonitorStatus.Error => "error",
        _ => throw Unknown(value),
    };

    public static MonitorStatus ToMonitorStatus(string value) => value switch
    {
        "active" => MonitorStatus.Active,
        "paused" => MonitorStatus.Paused,
        "error" => MonitorStatus.Error,
        _ => throw Unknown(value),
    };

    public static string ToDb(this ChangeType value) => value switch
    {
        ChangeType.Initial => "initial",
        ChangeType.Restock => "restock",
        ChangeType.Purchase => "purchase",
        ChangeType.Unchanged => "unchanged",
        _ => throw Unknown(value),
    };

    public static ChangeType ToChangeType(string value) => value switch
    {
        "initial" => ChangeType.Initial,
        "restock" => ChangeType.Restock,
        "purchase" => ChangeType.Purchase,
        "unchanged" => ChangeType.Unchanged,
        _ => throw Unknown(value),
    };

    public static string ToDb(this ThresholdType value) => value switch
    {
        ThresholdType.Low => "low",
        ThresholdType.High => "high",
        _ => throw Unknown(value),
    };

    public static ThresholdType ToThresholdType(string value) => value switch
    {
        "low" => ThresholdType.Low,
        "high" => ThresholdType.High,
        _ => throw Unknown(value),
    };

    public static string ToDb(this DeliveryStatus value) => value switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Sent => "sent",
        DeliveryStatus.Failed => "failed",
        DeliveryStatus.Expired => "expired",
        _ => throw Unknown(value),
    };

    public static DeliveryStatus ToDeliveryStatus(string value) => value switch
    {
        "pending" => DeliveryStatus.Pending,
        "sent" => DeliveryStatus.Sent,
        "failed" => DeliveryStatus.Failed,
        "expired" => DeliveryStatus.Expired,
        _ => throw Unknown(value),
    };

    public static string ToDb(this Platform value) => value switch
    {
        Platform.Discord => "discord",
        Platform.Telegram => "telegram",
        Platform.Console => "console",
        _ => throw Unknown(value),
    };

    public static Platform ToPlatform(string value) => value switch
    {
        "discord" => Platform.Discord,
        "telegram" => Platform.Telegram,
        "console" => Platform.Console,
        _ => throw Unknown(value),
    };

    public static string ToDb(this WebsiteMode value) => value switch
    {
        WebsiteMode.Api => "api",
        WebsiteMode.Storefront => "storefront",
        _ => throw Unknown(value),
    };

    public static WebsiteMode ToWebsiteMode(string value) => value switch
    {
        "api" => WebsiteMode.Api,
        "storefront" => WebsiteMode.Storefront,
        _ => throw Unknown(value),
    };

    public static string? ToDb(this ChangeType? value) => value?.ToDb();

    public static string? ToDb(this ThresholdType? value) => value?.ToDb();

    private static ArgumentOutOfRangeException Unknown<T>(T value) =>
        new(nameof(value), value, $"No stored {typeof(T).Name} value matches.");
}

namespace StockBot.Data.Entities;

public sealed class MonitorHistory
{
    public long Id { get; set; }

    /// <summary>The monitor the event is about; null for a `product_new` event, which is about a website's catalogue.</summary>
    public int? MonitorConfigId { get; set; }
    public MonitorConfig? MonitorConfig { get; set; }

    /// <summary>The catalogue row of a `product_new` event; null for every monitor event.</summary>
    public int? WebsiteProductId { get; set; }
    public WebsiteProduct? WebsiteProduct { get; set; }
    [MaxLength(50)]
    public required MonitorEventType EventType { get; set; }
    public int? FromQuantity { get; set; }
    public int ToQuantity { get; set; }
    public int Delta { get; set; }
    [MaxLength(50)]
    public ChangeType? ChangeType { get; set; }
    public bool ThresholdBreached { get; set; }
    [MaxLength(20)]
    public ThresholdType? ThresholdType { get; set; }
    public int? ThresholdValue { get; set; }
    [MaxLength(500)]
    public string? Message { get; set; }
    public string? MetadataJson { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>What happened to a monitor; stored as the specification's strings (see <see cref="DbValues"/>).</summary>
public enum MonitorEventType
{
    StockInitialized,
    StockIncreased,
    StockDecreased,
    ThresholdBreachLow,
    ThresholdBreachHigh,
    MonitorError,
    MonitorRecovered,

    /// <summary>A product id a website lists for the first time (no monitor: the website's catalogue).</summary>
    ProductNew,
}

namespace StockBot.Data.Entities;

public sealed class StockRecord
{
    public long Id { get; set; }
    public int MonitorConfigId { get; set; }
    public MonitorConfig? MonitorConfig { get; set; }
    public int Quantity { get; set; }
    public int Delta { get; set; }
    public bool StockControlEnabled { get; set; }
    public bool Available { get; set; }
    [MaxLength(50)]
    public ChangeType? ChangeType { get; set; }
    public bool ThresholdBreached { get; set; }
    [MaxLength(20)]
    public ThresholdType? ThresholdType { get; set; }
    public string? MetadataJson { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>How a stock record differs from the one before; stored as the specification's strings (see <see cref="DbValues"/>).</summary>
public enum ChangeType
{
    Initial,
    Restock,
    Purchase,
    Unchanged,
}

/// <summary>Which threshold a quantity breaches; stored as the specification's strings (see <see cref="DbValues"/>).</summary>
public enum ThresholdType
{
    Low,
    High,
}

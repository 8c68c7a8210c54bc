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
    public string? ChangeType { get; set; }
    public bool ThresholdBreached { get; set; }
    public string? ThresholdType { get; set; }
    public string? MetadataJson { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class ChangeTypes
{
    public const string Initial = "initial";
    public const string Restock = "restock";
    public const string Purchase = "purchase";
    public const string Unchanged = "unchanged";
}

public static class ThresholdTypes
{
    public const string Low = "low";
    public const string High = "high";
}

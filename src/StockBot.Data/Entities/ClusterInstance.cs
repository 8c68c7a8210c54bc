namespace StockBot.Data.Entities;

/// <summary>A `stockbot run` process on this database, by its instance name: when it started and when it was last alive.</summary>
public sealed class ClusterInstance
{
    [MaxLength(100)]
    public required string Name { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    [MaxLength(50)]
    public string? Version { get; set; }
}

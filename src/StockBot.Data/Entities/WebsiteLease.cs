namespace StockBot.Data.Entities;

/// <summary>
/// Which instance reads a website: the one holding it until <see cref="LeasedUntil"/> (a read in flight), or, once
/// released, the one that read it last at <see cref="LastReadAt"/>. Another instance takes it only when it is free and due.
/// </summary>
public sealed class WebsiteLease
{
    public int WebsiteId { get; set; }
    public Website? Website { get; set; }
    [MaxLength(100)]
    public string? Instance { get; set; }
    public DateTime? LeasedUntil { get; set; }
    public DateTime? LastReadAt { get; set; }
}

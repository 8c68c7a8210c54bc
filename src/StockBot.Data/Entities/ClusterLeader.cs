namespace StockBot.Data.Entities;

/// <summary>The one instance that runs a role (a chat front end: `telegram`, `discord`) until <see cref="ExpiresAt"/>, unless it renews.</summary>
public sealed class ClusterLeader
{
    [MaxLength(50)]
    public required string Role { get; set; }
    [MaxLength(100)]
    public required string Instance { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime AcquiredAt { get; set; }
}

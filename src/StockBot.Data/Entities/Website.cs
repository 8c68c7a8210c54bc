namespace StockBot.Data.Entities;

public sealed class Website
{
    public int Id { get; set; }
    [MaxLength(255)]
    public required string Name { get; set; }
    [MaxLength(500)]
    public required string WebsiteUrl { get; set; }
    [MaxLength(255)]
    public required string ApiIdentifier { get; set; }

    /// <summary>Ciphertext only: the core encrypts before it stores.</summary>
    [MaxLength(500)]
    public required string ApiSecret { get; set; }

    /// <summary>Optional WHMCS API access key, encrypted like the secret.</summary>
    [MaxLength(500)]
    public string? ApiAccessKey { get; set; }

    [MaxLength(100)]

    public string? Region { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<MonitorConfig> Monitors { get; set; } = [];
}

namespace StockBot.Data.Entities;

public sealed class Website
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string WebsiteUrl { get; set; }
    public required string ApiIdentifier { get; set; }

    /// <summary>Ciphertext only: the core encrypts before it stores.</summary>
    public required string ApiSecret { get; set; }

    /// <summary>Optional WHMCS API access key, encrypted like the secret.</summary>
    public string? ApiAccessKey { get; set; }

    public string? Region { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<MonitorConfig> Monitors { get; set; } = [];
}

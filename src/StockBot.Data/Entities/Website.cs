namespace StockBot.Data.Entities;

public sealed class Website
{
    public int Id { get; set; }
    [MaxLength(255)]
    public required string Name { get; set; }
    [MaxLength(500)]
    public required string WebsiteUrl { get; set; }
    /// <summary>How the website is read: the WHMCS API (credentials) or its public order pages.</summary>
    [MaxLength(20)]
    public WebsiteMode Mode { get; set; } = WebsiteMode.Api;

    /// <summary>Empty in storefront mode, which reads without credentials.</summary>
    [MaxLength(255)]
    public required string ApiIdentifier { get; set; }

    /// <summary>Ciphertext only: the core encrypts before it stores. Empty in storefront mode.</summary>
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

    /// <summary>When the whole catalogue was last read (website_products); null until the first listing.</summary>
    public DateTime? CatalogueReadAt { get; set; }

    /// <summary>A maintenance pause: not read (no alerts, no error counting) until then; null = not paused.</summary>
    public DateTime? PausedUntil { get; set; }

    public List<MonitorConfig> Monitors { get; set; } = [];
}

/// <summary>How a website is read; stored as the specification's strings (see <see cref="DbValues"/>).</summary>
public enum WebsiteMode
{
    /// <summary>GetProducts through includes/api.php, with the website's API credentials: exact counts.</summary>
    Api,

    /// <summary>The public order pages (listings, the a=add order link): no credentials, counts only where shown.</summary>
    Storefront,
}

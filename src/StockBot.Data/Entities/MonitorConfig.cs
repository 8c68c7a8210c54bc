namespace StockBot.Data.Entities;

public sealed class MonitorConfig
{
    public int Id { get; set; }
    public int WebsiteId { get; set; }
    public Website? Website { get; set; }
    public int ProductId { get; set; }
    [MaxLength(255)]
    public string? ProductName { get; set; }
    public bool IsActive { get; set; } = true;
    [MaxLength(50)]
    public MonitorStatus Status { get; set; } = MonitorStatus.Active;
    public int? ThresholdLow { get; set; }
    public int? ThresholdHigh { get; set; }
    public bool NotifyOnRestock { get; set; } = true;
    public bool NotifyOnPurchase { get; set; } = true;
    public bool NotifyOnThreshold { get; set; } = true;
    [MaxLength(500)]
    public string? PurchaseLink { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? LastCheckedAt { get; set; }

    /// <summary>Failed reads in a row; the status turns to error after Monitoring:ErrorAfterFailures.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>Alerts of one kind for this monitor at most once per this many seconds (0 = no cooldown).</summary>
    public int CooldownSeconds { get; set; }

    /// <summary>A restock (out -> in) recorded but not yet alerted, waiting for Monitoring:ConfirmReads agreeing reads (null: none).</summary>
    public long? RestockPendingHistoryId { get; set; }

    /// <summary>How many reads in a row (the restock's own the first) have seen the pending restock still in stock.</summary>
    public int RestockConfirmReads { get; set; }

    /// <summary>Shown on the public stock page `/` and in `GET /api/v1/public/monitors` (`monitor update --public`).</summary>
    public bool IsPublic { get; set; }

    [MaxLength(500)]

    public string? LastError { get; set; }

    /// <summary>The product's price with its cycle as last read ("$5.00/mo": WHMCS's cheapest enabled cycle, or the storefront's listed price).</summary>
    [MaxLength(100)]
    public string? LastPrice { get; set; }

    public List<StockRecord> StockRecords { get; set; } = [];
    public List<MonitorHistory> Histories { get; set; } = [];
}

/// <summary>A monitor's state; stored as the specification's strings (see <see cref="DbValues"/>).</summary>
public enum MonitorStatus
{
    Active,
    Paused,
    Error,
}

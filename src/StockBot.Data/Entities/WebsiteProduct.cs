namespace StockBot.Data.Entities;

/// <summary>
/// A product a website has listed (its catalogue): what was seen of it last, and since when it is known. A product
/// id that a website lists for the first time is a `product_new` event.
/// </summary>
public sealed class WebsiteProduct
{
    public int Id { get; set; }
    public int WebsiteId { get; set; }
    public Website? Website { get; set; }
    public int ProductId { get; set; }
    [MaxLength(255)]
    public string? Name { get; set; }

    /// <summary>The group's name as the store shows it (storefront), or the WHMCS group id (API).</summary>
    [MaxLength(255)]
    public string? GroupName { get; set; }

    /// <summary>Null when the listing does not tell.</summary>
    public bool? Available { get; set; }

    /// <summary>Null when there is no count (stock control off, or a store that shows none).</summary>
    public int? Quantity { get; set; }

    [MaxLength(100)]
    public string? Price { get; set; }
    [MaxLength(50)]
    public string? BillingCycle { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}

namespace StockBot.Simulator.Storefront;

/// <summary>One storefront answer's view of a store: its routes, groups and visible products.</summary>
internal sealed class StoreView(SimulatedStore store, string? language)
{
    // Every simulated product costs what ProductsJson's pricing says, shown the way WHMCS formats it.
    public const string Price = "$5.00 USD";
    public const string Cycle = "Monthly";

    public SimulatedStore Store { get; } = store;

    public SimulatedStorefront Front => Store.Storefront;

    public bool Modern { get; } = store.Storefront.ModernRoutes;

    public StorefrontTemplate Template { get; } = store.Storefront.Template;

    /// <summary>WHMCS renders in the visitor's language: the one asked for, else the store's default.</summary>
    public bool English { get; } = string.Equals(language ?? store.Storefront.DefaultLanguage, "english", StringComparison.OrdinalIgnoreCase);

    public string Available => English ? "Available" : "Verfügbar";

    public string OutOfStockTitle => English ? "Out of Stock" : "Nicht vorrätig";

    public string OutOfStockText => English
        ? "We are currently out of stock on this item so orders for it have been suspended until more stock is available."
        : "Dieser Artikel ist derzeit nicht vorrätig, Bestellungen sind ausgesetzt, bis wieder Bestand verfügbar ist.";

    public IReadOnlyList<SimulatedProduct> Visible { get; } = [.. store.Products.Where(p => !store.Storefront.IsHidden(p.Pid))];

    public IReadOnlyList<int> Groups => field ??= [.. Visible.Select(p => p.Gid).Distinct().Order()];

    public string GroupName(int gid) => System.Net.WebUtility.HtmlEncode(Front.GroupName(gid));

    public string GroupUrl(int gid) => Modern ? $"index.php?rp=/store/{GroupSlug(gid)}" : $"cart.php?gid={Text(gid)}";

    /// <summary>The product's order link as its listing shows it (HTML-encoded).</summary>
    public string OrderUrl(SimulatedProduct product) =>
        Modern ? $"index.php?rp=/store/{GroupSlug(product.Gid)}/{ProductSlug(product.Pid)}" : $"cart.php?a=add&amp;pid={product.PidText}";

    public static string GroupSlug(int gid) => "group-" + Text(gid);

    public static string ProductSlug(int pid) => "product-" + Text(pid);

    /// <summary>The frame every listing template shares: its container, and in it one block per product, given the block's element id.</summary>
    public static void Listing(StringBuilder html, string open, string close, IEnumerable<SimulatedProduct> products, Action<SimulatedProduct, string> block)
    {
        html.Append(open);
        foreach (var product in products)
        {
            block(product, "product" + product.PidText);
        }

        html.Append(close);
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace StockBot.Storefront;

/// <summary>
/// Reads the product blocks of a listing. Every decision looks inside the product's own block only:
/// menus and related-product boxes repeat "Order Now", "Out of Stock" and "Available" for other products.
/// </summary>
internal static partial class ProductBlocks
{
    // WHMCS names a block by its product ("product12"; "bundle3" for bundles, which we do not monitor).
    // Compiled once (Selectors): a listing runs these queries in every product block.
    private static readonly CompiledSelector OutMarkers =
        Selectors.Compile(".order-button.unavailable, .order-unavailable, .btn-order-now.disabled, .btn-order-now[disabled], a[href*='product_restock_notifier']");

    private static readonly CompiledSelector BlockIds = Selectors.Compile("[id^='product']");
    private static readonly CompiledSelector FormWrapper = Selectors.Compile("[id^='order-']");
    private static readonly CompiledSelector Links = Selectors.Compile("a[href]");
    private static readonly CompiledSelector Counts = Selectors.Compile(".qty, .package-qty");
    private static readonly CompiledSelector Names = Selectors.Compile(".package-title, header span, .product-name, h1, h2, h3, h4");
    private static readonly CompiledSelector Prices = Selectors.Compile(".product-pricing, .package-price, .price-area, .price");
    private static readonly CompiledSelector Amounts = Selectors.Compile(".price, .price-amount, .amount");

    /// <summary>Every selector above (tests hold them against AngleSharp's own queries).</summary>
    internal static readonly IReadOnlyList<CompiledSelector> Compiled = [OutMarkers, BlockIds, FormWrapper, Links, Counts, Names, Prices, Amounts];

    // Order forms whose listing always shows stock: an order link without an out-of-stock marker is "in".
    private static readonly string[] MarkedFamilies = ["premium_comparison", "pure_comparison", "universal_slider", "supreme_comparison"];

    private static readonly string[] Cycles = ["Semi-Annually", "Monthly", "Quarterly", "Annually", "Biennially", "Triennially", "One Time", "Free"];

    public static IReadOnlyList<ListedBlock> Parse(IDocument document, Uri pageUri)
    {
        var family = Family(document);
        var candidates = new List<(IElement Block, int? IdPid, int? LinkPid)>();
        var idsArePids = true;
        // An empty or fragment-only href resolves to the page's own query; only then could the page's pid count.
        var pageQueryMayCarryPid = MayCarryPid(pageUri.Query);
        foreach (var element in Selectors.All(document, BlockIds))
        {
            var idPid = IdPid(element.Id);
            if (idPid is null || PageMarkers.InChrome(element))
            {
                continue;
            }

            var linkPid = LinkPid(element, pageUri, pageQueryMayCarryPid);
            // Older order forms number blocks by position ("product1" is the first block, not pid 1).
            if (linkPid is { } pid && pid != idPid)
            {
                idsArePids = false;
            }

            candidates.Add((element, idPid, linkPid));
        }

        var blocks = new List<ListedBlock>(candidates.Count);
        var seen = new HashSet<int>();
        foreach (var (block, idPid, linkPid) in candidates)
        {
            var pid = linkPid ?? (idsArePids ? idPid : null);
            if (pid is { } productId && seen.Add(productId))
            {
                blocks.Add(Read(block, productId, family));
            }
        }

        return blocks;
    }

    internal static ListedBlock Read(IElement block, int productId, string? family)
    {
        var quantity = Quantity(block);
        var conclusive = Selectors.HasClass(block, "package") || (family is not null && MarkedFamilies.Contains(family));
        var availability = quantity switch
        {
            > 0 => StorefrontAvailability.In,
            0 => StorefrontAvailability.Out,
            _ when Selectors.First(block, OutMarkers) is not null => StorefrontAvailability.Out,
            _ when conclusive && HasOrderLink(block) => StorefrontAvailability.In,
            // standard_cart hides the count at 0 and keeps the button; cloud_slider shows nothing: ask a=add.
            _ => StorefrontAvailability.Unknown,
        };
        var (price, cycle) = Pricing(block, productId);
        return new ListedBlock(productId, Name(block, productId), availability, quantity, price, cycle);
    }

    /// <summary>The order form's name from WHMCS's wrapper, e.g. "standard_cart" from id="order-standard_cart".</summary>
    internal static string? Family(IDocument document)
    {
        var wrapper = Selectors.First(document, FormWrapper);
        return wrapper?.Id is { Length: > 6 } id ? id[6..].ToLowerInvariant() : null;
    }

    private static int? IdPid(string? id) =>
        id is { Length: > 7 } && id.StartsWith("product", StringComparison.Ordinal) && id.AsSpan(7).IndexOfAnyExceptInRange('0', '9') < 0
            && int.TryParse(id.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : null;

    private static int? LinkPid(IElement block, Uri pageUri, bool pageQueryMayCarryPid)
    {
        if (block.GetAttribute("data-pid") is { } dataPid && int.TryParse(dataPid, NumberStyles.None, CultureInfo.InvariantCulture, out var fromData))
        {
            return fromData;
        }

        foreach (var anchor in Selectors.All(block, Links))
        {
            var href = anchor.GetAttribute("href");
            if (href is not null && !pageQueryMayCarryPid && !MayCarryPid(href))
            {
                continue;
            }

            if (Uri.TryCreate(pageUri, href, out var url)
                && PageMarkers.QueryValue(url, "a") is { } action && action.Equals("add", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(PageMarkers.QueryValue(url, "pid"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a link could resolve to a URL with a pid in its query: a <c>Uri</c> is built only for those (most links of a
    /// block are "Order Now" routes or "#"). The key is matched ignoring case after unescaping, so an escape ('%') or a
    /// control character or space (which the URL parser may drop) in the link keeps it a candidate.
    /// </summary>
    private static bool MayCarryPid(string href) =>
        href.Contains("pid", StringComparison.OrdinalIgnoreCase) || href.Contains('%', StringComparison.Ordinal)
        || href.AsSpan().IndexOfAnyInRange('\0', ' ') >= 0;

    private static int? Quantity(IElement block)
    {
        foreach (var element in Selectors.All(block, Counts))
        {
            // "0 Available" is a count of none; "Unavailable" is no count at all.
            var match = AvailableCount().Match(PageMarkers.Text(element));
            if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return count;
            }
        }

        return null;
    }

    private static bool HasOrderLink(IElement block)
    {
        foreach (var anchor in Selectors.All(block, Links))
        {
            var href = anchor.GetAttribute("href") ?? string.Empty;
            if (Selectors.HasClass(anchor, "disabled") || href.Contains("product_restock_notifier", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (href.Contains("a=add", StringComparison.OrdinalIgnoreCase) || href.Contains("/store/", StringComparison.OrdinalIgnoreCase)
                || Selectors.HasClass(anchor, "order-button") || Selectors.HasClass(anchor, "btn-order-now"))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Name(IElement block, int productId)
    {
        var element = Selectors.WithId(block, BlockPartId(stackalloc char[40], productId, "-name"))
            ?? Selectors.First(block, Names);
        var name = element is null ? null : PageMarkers.Text(element);
        return string.IsNullOrEmpty(name) ? null : name;
    }

    private static (string? Price, string? Cycle) Pricing(IElement block, int productId)
    {
        var element = Selectors.WithId(block, BlockPartId(stackalloc char[40], productId, "-price"))
            ?? Selectors.First(block, Prices);
        if (element is null)
        {
            return (null, null);
        }

        // Line breaks separate price and cycle ("$5.00 USD<br />Monthly"): keep text nodes apart.
        var text = SpacedText(element);
        var amount = Selectors.HasClass(element, "price") ? null : Selectors.First(element, Amounts);
        var price = Price().Match(amount is null ? text : SpacedText(amount));
        string? cycle = null;
        foreach (var candidate in Cycles)
        {
            var at = text.IndexOf(candidate, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                cycle = text.Substring(at, candidate.Length);
                break;
            }
        }

        return (price.Success ? price.Value.Trim() : null, cycle);
    }

    // "product{id}-name" written into the caller's stack buffer: the look-up runs twice per block.
    private static ReadOnlySpan<char> BlockPartId(Span<char> buffer, int productId, string suffix)
    {
        "product".CopyTo(buffer);
        productId.TryFormat(buffer[7..], out var digits, provider: CultureInfo.InvariantCulture);
        suffix.CopyTo(buffer[(7 + digits)..]);
        return buffer[..(7 + digits + suffix.Length)];
    }

    private static string SpacedText(IElement element) => ElementText.Spaced(element);

    [GeneratedRegex(@"^(\d+)\s+Available\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AvailableCount();

    // A currency prefix, the amount, and an optional ISO suffix: "$5.00 USD", "€4,99 EUR", "£10".
    [GeneratedRegex(@"(?:[^\w\s]{1,3}\s?)?\d[\d.,]*(?:\s[A-Z]{3}\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex Price();
}

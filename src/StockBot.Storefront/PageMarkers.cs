using AngleSharp.Dom;

namespace StockBot.Storefront;

/// <summary>Page-level facts that do not belong to a product block: login forms, headings, the configure step.</summary>
internal static class PageMarkers
{
    // WHMCS's own wording (language=english) of the out-of-stock error page.
    private const string OutOfStockHeading = "Out of Stock";
    private const string OutOfStockDescription = "currently out of stock on this item";

    // Navigation, header and footer carry menu words ("Order Now", "Out of Stock" badges) on every page.
    internal static readonly CompiledSelector Chrome =
        Selectors.Compile("nav, header, footer, .navbar, .sidebar, .related-products, .product-recommendations");

    public static bool IsLoginPage(IDocument document)
    {
        foreach (var password in document.QuerySelectorAll("input[type=password]"))
        {
            var form = password.Closest("form");
            var action = form?.GetAttribute("action") ?? string.Empty;
            if (action.Contains("login", StringComparison.OrdinalIgnoreCase) || document.QuerySelector("input[name=username]") is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>WHMCS's configure step: where an in-stock product's order link ends up.</summary>
    public static bool IsConfigureStep(StorePage page) =>
        page.Document.GetElementById("frmConfigureProduct") is not null
        || (IsCartPath(page.FinalUri) && QueryValue(page.FinalUri, "a") is { } action && action.Equals("confproduct", StringComparison.OrdinalIgnoreCase));

    /// <summary>The "Out of Stock" error page: its heading or WHMCS's sentence, outside menus and related blocks.</summary>
    public static bool IsOutOfStockPage(IDocument document)
    {
        foreach (var heading in document.QuerySelectorAll("h1, h2, h3, .alert, p"))
        {
            if (InChrome(heading))
            {
                continue;
            }

            var text = Text(heading);
            if ((heading.LocalName is "h1" or "h2" or "h3" && text.Equals(OutOfStockHeading, StringComparison.OrdinalIgnoreCase))
                || text.Contains(OutOfStockDescription, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsRestockNotifier(Uri uri) =>
        QueryValue(uri, "m") is { } module && module.Equals("product_restock_notifier", StringComparison.OrdinalIgnoreCase);

    /// <summary>cart.php with no action: where WHMCS sends an order link of an unknown product.</summary>
    public static bool IsBareCart(Uri uri) => IsCartPath(uri) && QueryValue(uri, "a") is null && QueryValue(uri, "gid") is null;

    public static bool IsLoginLocation(Uri uri)
    {
        var path = uri.AbsolutePath;
        return path.EndsWith("/login.php", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith("/dologin.php", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith("/clientarea.php", StringComparison.OrdinalIgnoreCase)
            || (QueryValue(uri, "rp") is { } route && route.StartsWith("/login", StringComparison.OrdinalIgnoreCase));
    }

    public static string? MainHeading(IDocument document)
    {
        foreach (var heading in document.QuerySelectorAll("h1"))
        {
            if (!InChrome(heading))
            {
                return Text(heading);
            }
        }

        return null;
    }

    public static bool InChrome(IElement element) => Selectors.Closest(element, Chrome) is not null;

    public static string Text(IElement element) => ElementText.Collapsed(element);

    public static string? QueryValue(Uri uri, string name)
    {
        var query = uri.Query.AsSpan().TrimStart('?');
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            var key = equals < 0 ? pair : pair[..equals];
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].ToString());
            }
        }

        return null;
    }

    private static bool IsCartPath(Uri uri) => uri.AbsolutePath.EndsWith("/cart.php", StringComparison.OrdinalIgnoreCase);
}

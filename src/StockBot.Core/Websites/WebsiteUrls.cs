namespace StockBot.Core.Websites;

/// <summary>Website URLs as they are stored: the WHMCS root, whatever page of it was pasted.</summary>
public static class WebsiteUrls
{
    // Pages people copy from the address bar or from WHMCS's API docs; what comes after them is theirs too.
    private static readonly string[] Pages = ["/includes/api.php", "/index.php", "/cart.php"];

    /// <summary>
    /// Cuts a pasted page to the WHMCS root: <c>https://x/whmcs/cart.php?a=add&amp;pid=1</c>,
    /// <c>https://x/index.php?rp=/store/vps</c>, <c>https://x/includes/api.php</c> and <c>https://x/</c> all
    /// become <c>https://x</c> (or <c>https://x/whmcs</c>). Expects a URL already checked as absolute http(s).
    /// </summary>
    public static string Root(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.Trim();
        var end = text.IndexOfAny(['?', '#']);
        var path = end < 0 ? text : text[..end];
        var cut = false;
        foreach (var page in Pages)
        {
            var trimmed = path.TrimEnd('/');
            if (trimmed.EndsWith(page, StringComparison.OrdinalIgnoreCase))
            {
                path = trimmed[..^page.Length];
                cut = true;
                break;
            }
        }

        // A query after a WHMCS page belongs to that page; any other is kept as it was given.
        var rest = cut || end < 0 ? string.Empty : text[end..];
        return path.TrimEnd('/') + rest;
    }
}

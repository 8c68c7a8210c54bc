using System.Net;

namespace StockBot.Storefront;

/// <summary>What we keep of one website between cycles: its cookie jar and its product groups.</summary>
internal sealed class StorefrontSite(Uri root)
{
    /// <summary>The WHMCS root without a trailing slash, e.g. https://billing.example.com/whmcs.</summary>
    public Uri Root { get; } = root;

    /// <summary>WHMCS keeps a session cookie; a jar per website so two stores on one host never mix them.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>One cycle of a website at a time; the group cache below is touched only inside it.</summary>
    public SemaphoreSlim Cycle { get; } = new(1, 1);

    /// <summary>The groups last discovered; null until discovered or when a listing no longer matched.</summary>
    public List<GroupLink>? Groups { get; set; }

    /// <summary>When a page's navigation was last read for groups added since discovery.</summary>
    public DateTimeOffset? GroupsCheckedAt { get; set; }

    public Uri Page(string relative) => new(Root.AbsoluteUri.TrimEnd('/') + "/" + relative);

    /// <summary>Normalises a website URL to its WHMCS root: no query, no trailing slash, no cart.php or index.php.</summary>
    public static bool TryGetRoot(Uri websiteUrl, out Uri root)
    {
        root = null!;
        if (websiteUrl is null || !websiteUrl.IsAbsoluteUri || (websiteUrl.Scheme != Uri.UriSchemeHttp && websiteUrl.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        var text = websiteUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        foreach (var page in (string[])["/includes/api.php", "/index.php", "/cart.php"])
        {
            if (text.EndsWith(page, StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^page.Length];
                break;
            }
        }

        return Uri.TryCreate(text, UriKind.Absolute, out root!);
    }
}

using AngleSharp.Dom;

namespace StockBot.Storefront;

/// <summary>A product block of a listing; Availability Unknown means only the a=add probe can tell.</summary>
internal sealed record ListedBlock(int ProductId, string? Name, StorefrontAvailability Availability, int? Quantity, string? Price, string? BillingCycle);

/// <summary>A product group as the store's navigation links it: <c>cart.php?gid=N</c> or a store route.</summary>
internal sealed record GroupLink(string Key, string Name, Uri Url, bool Active)
{
    /// <summary>
    /// <see cref="Url"/> as it is asked for (language=english), built once per group: the listing is fetched every cycle,
    /// and building it per request took a UriBuilder, two strings and a URL parse. A function of Url alone, so equality
    /// stays that of the four members.
    /// </summary>
    public Uri FetchUrl { get; } = StorefrontFetcher.WithEnglish(Url);
}

internal sealed record ListingPage(IReadOnlyList<ListedBlock> Blocks, IReadOnlyList<GroupLink> Groups)
{
    public static ListingPage Parse(IDocument document, Uri pageUri, Uri root) =>
        new(ProductBlocks.Parse(document, pageUri), GroupLinks.Parse(document, pageUri, root));
}

/// <summary>Finds the product groups in a page's navigation (categories sidebar, dropdowns, menus).</summary>
internal static class GroupLinks
{
    private const string StoreRoute = "/store/";

    public static IReadOnlyList<GroupLink> Parse(IDocument document, Uri pageUri, Uri root)
    {
        var groups = new List<GroupLink>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            // href="#" (dropdown toggles) resolves to the page itself, which would make every page its own group.
            var href = anchor.GetAttribute("href");
            if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#')
                || !Uri.TryCreate(pageUri, href, out var url)
                || !string.Equals(url.IdnHost, pageUri.IdnHost, StringComparison.OrdinalIgnoreCase)
                || KeyOf(url, root) is not { } key)
            {
                continue;
            }

            var name = anchor.GetAttribute("menuItemName") is { Length: > 0 } menuName ? menuName.Trim() : PageMarkers.Text(anchor);
            var active = anchor.ClassList.Contains("active");
            if (seen.TryGetValue(key, out var index))
            {
                // The categories sidebar names a group best; a dropdown may say "Browse all" or carry an icon only.
                var known = groups[index];
                var fromSidebar = anchor.Id?.StartsWith("Secondary_Sidebar-Categories", StringComparison.OrdinalIgnoreCase) == true;
                groups[index] = known with
                {
                    Name = fromSidebar || known.Name.Length == 0 ? (name.Length > 0 ? name : known.Name) : known.Name,
                    Active = known.Active || active,
                };
                continue;
            }

            seen[key] = groups.Count;
            groups.Add(new GroupLink(key, name, StripLanguage(url), active));
        }

        return groups;
    }

    /// <summary>"gid:N" for cart.php?gid=N, "store:slug" for a one-segment store route; null for any other link.</summary>
    internal static string? KeyOf(Uri url, Uri root)
    {
        if (url.AbsolutePath.EndsWith("/cart.php", StringComparison.OrdinalIgnoreCase))
        {
            return PageMarkers.QueryValue(url, "a") is null && PageMarkers.QueryValue(url, "gid") is { Length: > 0 } gid && gid.All(char.IsAsciiDigit)
                ? "gid:" + gid
                : null;
        }

        var route = PageMarkers.QueryValue(url, "rp") ?? FriendlyRoute(url.AbsolutePath, root.AbsolutePath.TrimEnd('/'));
        if (route is null || !route.StartsWith(StoreRoute, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var slug = route[StoreRoute.Length..].Trim('/');
        return slug.Length > 0 && !slug.Contains('/', StringComparison.Ordinal) ? "store:" + slug.ToLowerInvariant() : null;
    }

    // Friendly URLs: {root}/store/slug or {root}/index.php/store/slug.
    private static string? FriendlyRoute(string path, string rootPath)
    {
        if (!path.StartsWith(rootPath, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = path[rootPath.Length..];
        if (rest.StartsWith("/index.php", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest["/index.php".Length..];
        }

        return rest.StartsWith(StoreRoute, StringComparison.OrdinalIgnoreCase) ? rest : null;
    }

    private static Uri StripLanguage(Uri url)
    {
        if (PageMarkers.QueryValue(url, "language") is null)
        {
            return url;
        }

        var builder = new UriBuilder(url);
        var kept = builder.Query.TrimStart('?').Split('&').Where(p => !p.StartsWith("language=", StringComparison.OrdinalIgnoreCase));
        builder.Query = string.Join('&', kept);
        return builder.Uri;
    }
}

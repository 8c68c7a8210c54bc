namespace StockBot.Storefront;

/// <summary>A product a listing showed, with the group it was listed under.</summary>
internal sealed record ListedProduct(ListedBlock Block, string? Group);

/// <summary>What one cycle learned from the listings of a website.</summary>
/// <param name="Succeeded">Pages that answered as order pages.</param>
/// <param name="Stop">A failure that ended the cycle early (a challenge, a login, a pause...).</param>
/// <param name="FirstFailure">The first page that failed, stopping or not.</param>
internal sealed record ListingsRead(Dictionary<int, ListedProduct> Products, int Succeeded, StorefrontFailure? Stop, StorefrontFailure? FirstFailure)
{
    /// <summary>Nothing of the site answered: one failure for the website, not one per product.</summary>
    public StorefrontFailure? SiteFailure => Succeeded == 0 ? Stop ?? FirstFailure : null;
}

/// <summary>Reads every product group's listing once: discovered from the landing page, then kept per website.</summary>
internal static class ListingsReader
{
    public static async Task<ListingsRead> ReadAsync(StorefrontSite site, StorefrontFetcher fetcher, CancellationToken cancellationToken)
    {
        var products = new Dictionary<int, ListedProduct>();
        var read = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var succeeded = 0;
        StorefrontFailure? first = null;
        if (site.Groups is null)
        {
            var landing = await fetcher.GetAsync(site, site.Page("cart.php"), cancellationToken);
            if (landing.Failure is { } failure)
            {
                return new ListingsRead(products, 0, failure, failure);
            }

            using var page = landing.Page!;
            var listing = ListingPage.Parse(page.Document, page.FinalUri, site.Root);
            if (listing.Blocks.Count == 0 && listing.Groups.Count == 0)
            {
                var unexpected = StorefrontFailures.FromUnexpectedPage(page)
                    ?? StorefrontFailures.NotAStorePage(page.FinalUri.Host, page.Document.Title);
                return new ListingsRead(products, 0, unexpected, unexpected);
            }

            succeeded++;
            site.Groups = [.. listing.Groups];
            // The landing page is itself the listing of one group (the active one): no need to ask for it again.
            var shown = listing.Groups.Count(g => g.Active) == 1 ? listing.Groups.First(g => g.Active) : null;
            if (shown is not null || listing.Groups.Count == 0)
            {
                Add(products, listing, shown?.Name ?? PageMarkers.MainHeading(page.Document));
                if (shown is not null)
                {
                    read.Add(shown.Key);
                }
            }
        }

        var groups = site.Groups;
        var stale = false;
        StorefrontFailure? stop = null;
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            if (!read.Add(group.Key))
            {
                continue;
            }

            var answer = await fetcher.GetAsync(site, group.Url, cancellationToken);
            if (answer.Failure is { } failure)
            {
                first ??= failure;
                if (failure.StopsSite)
                {
                    stop = failure;
                    break;
                }

                stale = true;
                continue;
            }

            using var page = answer.Page!;
            var listing = ListingPage.Parse(page.Document, page.FinalUri, site.Root);
            // A listing links its own group in the categories; a page that does not is no longer this group's.
            if (listing.Blocks.Count == 0 && !listing.Groups.Any(g => g.Key == group.Key))
            {
                var unexpected = StorefrontFailures.FromUnexpectedPage(page);
                if (unexpected is { StopsSite: true })
                {
                    first ??= unexpected;
                    stop = unexpected;
                    break;
                }

                stale = true;
                continue;
            }

            succeeded++;
            Add(products, listing, group.Name);
            foreach (var found in listing.Groups)
            {
                // A group added since discovery shows up in every page's navigation: read it this cycle.
                if (!groups.Any(g => g.Key == found.Key))
                {
                    groups.Add(found);
                }
            }
        }

        if (stale)
        {
            site.Groups = null;
        }

        return new ListingsRead(products, succeeded, stop, first);
    }

    private static void Add(Dictionary<int, ListedProduct> products, ListingPage listing, string? group)
    {
        foreach (var block in listing.Blocks)
        {
            products.TryAdd(block.ProductId, new ListedProduct(block, string.IsNullOrEmpty(group) ? null : group));
        }
    }
}

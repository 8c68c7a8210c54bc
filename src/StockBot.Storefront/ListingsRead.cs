namespace StockBot.Storefront;

/// <summary>A product a listing showed, with the group it was listed under.</summary>
internal sealed record ListedProduct(ListedBlock Block, string? Group);

/// <summary>What one cycle learned from the listings of a website.</summary>
/// <param name="Succeeded">Pages that answered as order pages.</param>
/// <param name="Stop">A failure that ended the cycle early (a challenge, a login, a pause...).</param>
/// <param name="FirstFailure">The first page that failed, stopping or not.</param>
internal sealed record ListingsRead(Dictionary<int, ListedProduct> Products, int Succeeded, StorefrontFailure? Stop, StorefrontFailure? FirstFailure)
{
    /// <summary>Whether the navigation was read for new groups this cycle (the next check is due an interval later).</summary>
    public bool GroupsChecked { get; init; }

    /// <summary>Nothing of the site answered: one failure for the website, not one per product.</summary>
    public StorefrontFailure? SiteFailure => Succeeded == 0 ? Stop ?? FirstFailure : null;
}

/// <summary>
/// Reads every product group's listing once: the groups are discovered from the landing page and kept per website.
/// A listing is parsed only in its order form's container; the page's navigation (where new groups show up) is read
/// again once per <see cref="StorefrontOptions.DiscoveryInterval"/>, and whenever a wanted product was in no listing.
/// </summary>
internal static class ListingsReader
{
    /// <param name="wanted">The products the caller reads; null for every product listed (the catalogue).</param>
    /// <param name="groupsDue">Whether this cycle reads the navigation for groups added since they were discovered.</param>
    public static async Task<ListingsRead> ReadAsync(StorefrontSite site, StorefrontFetcher fetcher, IReadOnlyCollection<int>? wanted, bool groupsDue, CancellationToken cancellationToken)
    {
        var products = new Dictionary<int, ListedProduct>();
        var read = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var succeeded = 0;
        StorefrontFailure? first = null;
        var groupsChecked = false;
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
            groupsChecked = true;
            // The landing page is itself the listing of one group (the active one): no need to ask for it again.
            var shown = listing.Groups.Count(g => g.Active) == 1 ? listing.Groups.First(g => g.Active) : null;
            if (shown is not null || listing.Groups.Count == 0)
            {
                Add(products, listing.Blocks, shown?.Name ?? PageMarkers.MainHeading(page.Document));
                if (shown is not null)
                {
                    read.Add(shown.Key);
                }
            }
        }

        var groups = site.Groups;
        var stale = false;
        StorefrontFailure? stop = null;
        // One listing page kept unparsed: its navigation tells the groups when they are due or a product was missed.
        StorePage? navigation = null;
        try
        {
            for (var i = 0; ; i++)
            {
                if (i == groups.Count)
                {
                    if (groupsChecked || navigation is null || !(groupsDue || Missed(products, wanted)))
                    {
                        break;
                    }

                    groupsChecked = true;
                    AddNewGroups(groups, GroupLinks.Parse(navigation.Document, navigation.FinalUri, site.Root));
                    if (i == groups.Count)
                    {
                        break;
                    }
                }

                var group = groups[i];
                if (!read.Add(group.Key))
                {
                    continue;
                }

                var answer = await fetcher.GetAsync(site, group.FetchUrl, cancellationToken);
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

                var page = answer.Page!;
                var keep = false;
                try
                {
                    if (page.OrderForm is { } form && ProductBlocks.Parse(form, page.FinalUri) is { Count: > 0 } blocks)
                    {
                        succeeded++;
                        Add(products, blocks, group.Name);
                        keep = navigation is null && !groupsChecked;
                        continue;
                    }

                    // No order form holding product blocks: the whole page decides, as it always did.
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
                    Add(products, listing.Blocks, group.Name);
                    // Its navigation is parsed already: any group added since discovery is read this cycle.
                    AddNewGroups(groups, listing.Groups);
                    groupsChecked = true;
                }
                finally
                {
                    if (keep)
                    {
                        navigation = page;
                    }
                    else
                    {
                        page.Dispose();
                    }
                }
            }
        }
        finally
        {
            navigation?.Dispose();
        }

        if (stale)
        {
            site.Groups = null;
        }

        return new ListingsRead(products, succeeded, stop, first) { GroupsChecked = groupsChecked && !stale };
    }

    private static bool Missed(Dictionary<int, ListedProduct> products, IReadOnlyCollection<int>? wanted)
    {
        if (wanted is null)
        {
            return true;
        }

        foreach (var productId in wanted)
        {
            if (!products.ContainsKey(productId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A group added since discovery shows up in every page's navigation.</summary>
    private static void AddNewGroups(List<GroupLink> groups, IReadOnlyList<GroupLink> found)
    {
        foreach (var link in found)
        {
            if (!groups.Exists(g => g.Key == link.Key))
            {
                groups.Add(link);
            }
        }
    }

    private static void Add(Dictionary<int, ListedProduct> products, IReadOnlyList<ListedBlock> blocks, string? group)
    {
        foreach (var block in blocks)
        {
            products.TryAdd(block.ProductId, new ListedProduct(block, string.IsNullOrEmpty(group) ? null : group));
        }
    }
}

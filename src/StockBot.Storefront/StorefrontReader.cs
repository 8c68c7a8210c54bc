using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StockBot.Storefront;

/// <summary>
/// Reads stock from a WHMCS store's public order pages, without API credentials. Per cycle: each
/// product group's listing once, then the a=add probe only for products no listing decides.
/// </summary>
public sealed partial class StorefrontReader
{
    // One client for the reader's life: the handler is never rotated (UseStoreHandler), so a client per read only
    // re-ran the factory's set-up (options look-up, configure actions, a new HttpClient) for every website.
    private readonly Lazy<HttpClient> httpClient;
    private readonly StorefrontOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<StorefrontReader> logger;
    private readonly HostGates gates;
    private readonly ConcurrentDictionary<string, StorefrontSite> sites = new(StringComparer.OrdinalIgnoreCase);

    public StorefrontReader(IHttpClientFactory httpClientFactory, IOptions<StorefrontOptions> options, TimeProvider time, ILogger<StorefrontReader> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        httpClient = new(() => httpClientFactory.CreateClient(StorefrontServiceCollectionExtensions.HttpClientName));
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        gates = new HostGates(time);
    }

    /// <summary>
    /// Reads the given products of one website. Remote failures come back as failures (of the website
    /// when nothing of it answered, else of each product it could not tell); only cancellation throws.
    /// </summary>
    public async Task<StorefrontReadResult> ReadAsync(Uri websiteUrl, IReadOnlyCollection<int> productIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        cancellationToken.ThrowIfCancellationRequested();
        if (productIds.Count == 0)
        {
            return new StorefrontReadResult([], null);
        }

        if (Site(websiteUrl) is not { } site)
        {
            return new StorefrontReadResult([], StorefrontFailures.InvalidUrl());
        }

        await site.Cycle.WaitAsync(cancellationToken);
        try
        {
            var fetcher = Fetcher();
            var listings = await ReadListingsAsync(site, fetcher, productIds, cancellationToken);
            if (listings.SiteFailure is { } siteFailure)
            {
                LogSiteFailed(this.logger, site.Root.Host, siteFailure.Kind);
                return new StorefrontReadResult([], siteFailure);
            }

            var stop = listings.Stop;
            var readings = new List<StorefrontProductReading>(productIds.Count);
            var probes = 0;
            foreach (var productId in productIds.Distinct().Order())
            {
                listings.Products.TryGetValue(productId, out var listed);
                if (listed is { Block.Availability: not StorefrontAvailability.Unknown })
                {
                    readings.Add(Reading(productId, listed, listed.Block.Availability, null));
                    continue;
                }

                if (stop is not null)
                {
                    readings.Add(Reading(productId, listed, StorefrontAvailability.Unknown, stop));
                    continue;
                }

                probes++;
                var (availability, failure) = await ProbeAsync(site, fetcher, productId, cancellationToken);
                if (failure is { StopsSite: true })
                {
                    stop = failure;
                }

                readings.Add(Reading(productId, listed, availability, failure));
            }

            LogRead(this.logger, site.Root.Host, readings.Count, listings.Succeeded, probes);
            return new StorefrontReadResult(readings, null)
            {
                Listed = listings.Stop is null && listings.FirstFailure is null ? Listed(listings) : null,
            };
        }
        finally
        {
            site.Cycle.Release();
        }
    }

    /// <summary>Every product the listings show (for "new product" alerts and the product list); no probes.</summary>
    public async Task<StorefrontCatalogue> ReadCatalogueAsync(Uri websiteUrl, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Site(websiteUrl) is not { } site)
        {
            return new StorefrontCatalogue([], StorefrontFailures.InvalidUrl());
        }

        await site.Cycle.WaitAsync(cancellationToken);
        try
        {
            var listings = await ReadListingsAsync(site, Fetcher(), null, cancellationToken);
            if (listings.SiteFailure is { } siteFailure)
            {
                return new StorefrontCatalogue([], siteFailure);
            }

            return new StorefrontCatalogue(Listed(listings), null);
        }
        finally
        {
            site.Cycle.Release();
        }
    }

    /// <summary>The listings, with the navigation read for new groups once per DiscoveryInterval (always for the catalogue).</summary>
    private async Task<ListingsRead> ReadListingsAsync(StorefrontSite site, StorefrontFetcher fetcher, IReadOnlyCollection<int>? wanted, CancellationToken cancellationToken)
    {
        var now = this.time.GetUtcNow();
        var due = wanted is null || site.GroupsCheckedAt is not { } checkedAt || now - checkedAt >= this.options.DiscoveryInterval;
        var listings = await ListingsReader.ReadAsync(site, fetcher, wanted, due, cancellationToken);
        if (listings.GroupsChecked)
        {
            site.GroupsCheckedAt = now;
        }

        return listings;
    }

    /// <summary>
    /// Asks cart.php?a=add for the product and follows the store's redirects: the configure step is "in",
    /// the "Out of Stock" page (or Lagom's restock notifier) is "out", anything else is no reading.
    /// </summary>
    private static async Task<(StorefrontAvailability, StorefrontFailure?)> ProbeAsync(StorefrontSite site, StorefrontFetcher fetcher, int productId, CancellationToken cancellationToken)
    {
        var pid = productId.ToString(CultureInfo.InvariantCulture);
        var answer = await fetcher.GetAsync(site, site.Page($"cart.php?a=add&pid={pid}"), cancellationToken);
        if (answer.Failure is { } failure)
        {
            return (StorefrontAvailability.Unknown, failure);
        }

        using var page = answer.Page!;
        if (PageMarkers.IsRestockNotifier(page.FinalUri))
        {
            return (StorefrontAvailability.Out, null);
        }

        if (PageMarkers.IsConfigureStep(page))
        {
            return (StorefrontAvailability.In, null);
        }

        if (PageMarkers.IsOutOfStockPage(page.Document))
        {
            return (StorefrontAvailability.Out, null);
        }

        var host = page.FinalUri.Host;
        // WHMCS sends an unknown product's order link back to the cart, which may show a group's listing.
        if (PageMarkers.IsBareCart(page.FinalUri) || GroupLinks.KeyOf(page.FinalUri, site.Root) is not null)
        {
            return (StorefrontAvailability.Unknown, StorefrontFailures.ProductMissing(host, productId));
        }

        return (StorefrontAvailability.Unknown,
            StorefrontFailures.FromUnexpectedPage(page) ?? StorefrontFailures.ProbeNoMarker(host, productId, page.Document.Title));
    }

    private static List<StorefrontListedProduct> Listed(ListingsRead listings) =>
        listings.Products.Values
            .OrderBy(p => p.Block.ProductId)
            .Select(p => new StorefrontListedProduct(p.Block.ProductId, p.Block.Name, p.Group, p.Block.Availability, p.Block.Quantity, p.Block.Price, p.Block.BillingCycle))
            .ToList();

    private static StorefrontProductReading Reading(int productId, ListedProduct? listed, StorefrontAvailability availability, StorefrontFailure? failure)
    {
        var block = listed?.Block;
        // A listing's count belongs to the listing's verdict; a probe never shows one.
        var quantity = availability == StorefrontAvailability.Unknown ? null : block?.Quantity;
        return new StorefrontProductReading(productId, availability, quantity, block?.Name, listed?.Group, block?.Price, block?.BillingCycle, failure);
    }

    private StorefrontSite? Site(Uri websiteUrl) =>
        StorefrontSite.TryGetRoot(websiteUrl, out var root)
            ? sites.GetOrAdd(root.AbsoluteUri, static (_, r) => new StorefrontSite(r), root)
            : null;

    private StorefrontFetcher Fetcher() =>
        new(httpClient.Value, gates, this.options, this.time, this.logger);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Storefront {Host}: {Count} products read from {Listings} listings and {Probes} probes")]
    private static partial void LogRead(ILogger logger, string host, int count, int listings, int probes);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Storefront {Host}: read failed for the whole site ({Kind})")]
    private static partial void LogSiteFailed(ILogger logger, string host, StorefrontFailureKind kind);
}

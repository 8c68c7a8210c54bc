using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Alerts;
using StockBot.Core.Security;
using StockBot.Core.Websites;
using StockBot.Storefront;
using StockBot.Whmcs;

namespace StockBot.Core.Monitoring;

/// <summary>Why a whole website gave no readings this cycle.</summary>
/// <param name="Kind">The reader's failure kind, for logs and metrics (e.g. Authentication, Challenge).</param>
/// <param name="BacksOff">An API authentication failure: the website is not read again for a while, so WHMCS does not ban us.</param>
public sealed record ReadFailure(string Kind, string Message, bool BacksOff = false);

/// <summary>One product of a read: a stock reading, or why this product has none this cycle.</summary>
public sealed record ProductRead(StockReading? Reading, string? Name, string? FailureKind = null, string? FailureMessage = null)
{
    /// <summary>The price with its cycle as alerts show it ("$5.00/mo"), when the read gave one.</summary>
    public string? Price { get; init; }
}

/// <summary>A website's products as read this cycle, by product id; or the one failure of the whole website.</summary>
public sealed record WebsiteReading(IReadOnlyDictionary<int, ProductRead> Products, ReadFailure? Failure)
{
    /// <summary>Every product the website listed on this read (new-product discovery); null when this read did not list them all.</summary>
    public IReadOnlyList<CatalogueEntry>? Catalogue { get; init; }

    public static WebsiteReading Failed(ReadFailure failure) => new(new Dictionary<int, ProductRead>(), failure);
}

/// <summary>
/// Reads a website's monitored products in its mode: one GetProducts request (api), or the storefront's listings
/// and a=add probes (storefront), both mapped to the same <see cref="StockReading"/>. Holds the decrypted API
/// credentials between cycles while the stored values stay the same.
/// </summary>
public sealed class WebsiteReader(SecretProtector protector, StorefrontReader storefront)
{
    private readonly ConcurrentDictionary<int, CachedCredentials> credentialCache = new();

    /// <param name="services">The caller's scope, for the typed WHMCS client.</param>
    /// <param name="listAll">API mode: ask GetProducts for every product (still one request), for the catalogue.
    /// Storefront mode lists its catalogue on every read anyway: the listings are what it reads.</param>
    public Task<WebsiteReading> ReadAsync(IServiceProvider services, Website website, IReadOnlyCollection<int> productIds, bool listAll, CancellationToken cancellationToken) =>
        website.Mode == WebsiteMode.Storefront
            ? ReadStorefrontAsync(website, productIds, cancellationToken)
            : ReadApiAsync(services.GetRequiredService<WhmcsClient>(), website, productIds, listAll, cancellationToken);

    /// <summary>What the store's public pages say, as a stock reading: a count when shown, in stock without one, or out.</summary>
    public static StockReading? ToReading(StorefrontAvailability availability, int? quantity, string? name) => availability switch
    {
        StorefrontAvailability.In when quantity is > 0 => new StockReading(quantity, true, true, name),
        // "0 Available" is not in stock, whatever the page's verdict says.
        StorefrontAvailability.In when quantity is not null => new StockReading(0, true, false, name),
        // In stock without a count reads as WHMCS reports stock control off: available, no quantity.
        StorefrontAvailability.In => new StockReading(null, false, true, name),
        StorefrontAvailability.Out => new StockReading(0, true, false, name),
        _ => null,
    };

    private async Task<WebsiteReading> ReadApiAsync(WhmcsClient client, Website website, IReadOnlyCollection<int> productIds, bool listAll, CancellationToken cancellationToken)
    {
        WhmcsCredentials credentials;
        try
        {
            credentials = Credentials(website);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or UriFormatException)
        {
            return WebsiteReading.Failed(new ReadFailure(
                nameof(WhmcsFailureKind.Authentication),
                "The stored API secret cannot be decrypted with this encryption key; set it again with `stockbot website update ID --api-secret ...`.",
                BacksOff: true));
        }

        var result = await client.GetProductsAsync(credentials, listAll ? null : productIds.Distinct().ToList(), cancellationToken);
        if (!result.IsSuccess)
        {
            var failure = result.Failure!;
            return WebsiteReading.Failed(new ReadFailure(
                failure.Kind.ToString(), failure.Message, failure.Kind is WhmcsFailureKind.Authentication or WhmcsFailureKind.Permission));
        }

        var products = new Dictionary<int, ProductRead>();
        foreach (var product in result.Products)
        {
            // A stock level that is not a count is a failed read of this product, never a quantity.
            products.TryAdd(product.Pid, product.StockProblem is { } problem
                ? new ProductRead(null, product.Name, nameof(WhmcsFailureKind.BadStockValue), problem)
                : new ProductRead(new StockReading(product.Quantity, product.StockControl, product.Available, product.Name), product.Name)
                {
                    Price = AlertPrice.Of(product.Price),
                });
        }

        return new WebsiteReading(products, null)
        {
            Catalogue = listAll
                ? result.Products.Select(p => new CatalogueEntry(p.Pid, p.Name, p.Gid.ToString(CultureInfo.InvariantCulture), p.KnownAvailable, p.StockControl ? p.Quantity : null, AlertPrice.Of(p.Price), null)).ToList()
                : null,
        };
    }

    private async Task<WebsiteReading> ReadStorefrontAsync(Website website, IReadOnlyCollection<int> productIds, CancellationToken cancellationToken)
    {
        var result = await storefront.ReadAsync(new Uri(website.WebsiteUrl), productIds, cancellationToken);
        if (result.Failure is { } failure)
        {
            return WebsiteReading.Failed(new ReadFailure(failure.Kind.ToString(), failure.Message));
        }

        var products = new Dictionary<int, ProductRead>();
        foreach (var product in result.Products)
        {
            var reading = ToReading(product.Availability, product.Quantity, product.Name);
            products.TryAdd(product.ProductId, reading is not null
                ? new ProductRead(reading, product.Name) { Price = AlertPrice.Of(product.Price, product.BillingCycle) }
                : new ProductRead(null, product.Name, (product.Failure?.Kind ?? StorefrontFailureKind.NoMarker).ToString(),
                    product.Failure?.Message ?? $"The store's pages do not tell whether product {product.ProductId} is in stock."));
        }

        return new WebsiteReading(products, null) { Catalogue = result.Listed?.Select(Entry).ToList() };
    }

    private static CatalogueEntry Entry(StorefrontListedProduct listed)
    {
        var reading = ToReading(listed.Availability, listed.Quantity, listed.Name);
        return new CatalogueEntry(listed.ProductId, listed.Name, listed.Group, reading?.Available,
            reading is { StockControlEnabled: true } ? reading.StoredQuantity : null, listed.Price, listed.BillingCycle);
    }

    /// <summary>
    /// The website's credentials, decrypted once and reused while the stored values stay the same: AES-GCM
    /// and URL parsing per website per cycle are CPU for nothing. A changed URL, identifier, secret or access
    /// key (compared as stored, ciphertext included) decrypts again.
    /// </summary>
    private WhmcsCredentials Credentials(Website website)
    {
        if (credentialCache.TryGetValue(website.Id, out var cached)
            && cached.Url == website.WebsiteUrl && cached.Identifier == website.ApiIdentifier
            && cached.Secret == website.ApiSecret && cached.AccessKey == website.ApiAccessKey)
        {
            return cached.Credentials;
        }

        var credentials = WebsiteCredentials.For(website, protector);
        credentialCache[website.Id] = new CachedCredentials(website.WebsiteUrl, website.ApiIdentifier, website.ApiSecret, website.ApiAccessKey, credentials);
        return credentials;
    }

    private sealed record CachedCredentials(string Url, string Identifier, string Secret, string? AccessKey, WhmcsCredentials Credentials);
}

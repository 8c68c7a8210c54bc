using System.Security.Cryptography;
using StockBot.Core.Monitoring;
using StockBot.Core.Security;
using StockBot.Storefront;
using StockBot.Whmcs;

namespace StockBot.Core.Websites;

/// <summary>A product as `website products` lists it, in both modes.</summary>
/// <param name="Group">API mode: the WHMCS group id; storefront mode: the group's name as the store shows it.</param>
/// <param name="Available">Null when the store's pages do not tell.</param>
/// <param name="Quantity">Null when there is no count: stock control off, or a store that shows none.</param>
/// <param name="Price">As the store shows it (storefront mode), e.g. "$5.00 USD"; null in API mode.</param>
public sealed record ProbedProduct(int ProductId, string Name, string? Group, bool? Available, int? Quantity, string? Price, string? BillingCycle, int? MonitorId);

public sealed record ProbeResult(int WebsiteId, string Website, string Mode, bool Success, string Message, string? FailureKind, IReadOnlyList<ProbedProduct> Products, long DurationMs);

/// <summary>Reads a website now, outside the schedule, in its mode: `website test` and `website products`.</summary>
public sealed class WebsiteProbe(StockBotDbContext db, WebsiteService websites, SecretProtector protector, WhmcsClient client, StorefrontReader storefront, TimeProvider time)
{
    // Products no listing decides are asked one by one through their order link; a product list stops there.
    private const int MaxProbes = 25;

    public async Task<ProbeResult> ProbeAsync(int websiteId, CancellationToken cancellationToken)
    {
        var website = await websites.GetEntityAsync(websiteId, cancellationToken);
        var monitored = await db.MonitorConfigs.AsNoTracking()
            .Where(m => m.WebsiteId == websiteId)
            .ToDictionaryAsync(m => m.ProductId, m => m.Id, cancellationToken);
        return website.Mode == WebsiteMode.Storefront
            ? await ProbeStorefrontAsync(website, monitored, cancellationToken)
            : await ProbeApiAsync(website, monitored, cancellationToken);
    }

    private async Task<ProbeResult> ProbeApiAsync(Website website, Dictionary<int, int> monitored, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        WhmcsCredentials credentials;
        try
        {
            credentials = WebsiteCredentials.For(website, protector);
        }
        catch (CryptographicException ex)
        {
            return Result(website, false, ex.Message, "Decryption", [], 0);
        }

        // Every product, not only the monitored ones: admins look for the ids to monitor here.
        var result = await client.GetProductsAsync(credentials, null, cancellationToken);
        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        if (!result.IsSuccess)
        {
            return Result(website, false, result.Failure!.Message, result.Failure.Kind.ToString(), [], elapsed);
        }

        var products = result.Products
            .OrderBy(p => p.Gid).ThenBy(p => p.Pid)
            .Select(p => new ProbedProduct(p.Pid, p.Name, p.Gid.ToString(CultureInfo.InvariantCulture), p.KnownAvailable, p.StockControl ? p.Quantity : null, null, null, MonitorOf(monitored, p.Pid)))
            .ToList();
        return Finish(website, monitored, products, $"WHMCS answered in {elapsed} ms with {products.Count} product(s)", [], elapsed);
    }

    private async Task<ProbeResult> ProbeStorefrontAsync(Website website, Dictionary<int, int> monitored, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var url = new Uri(website.WebsiteUrl);
        var catalogue = await storefront.ReadCatalogueAsync(url, cancellationToken);
        if (catalogue.Failure is { } failure)
        {
            return Result(website, false, failure.Message, failure.Kind.ToString(), [], (long)time.GetElapsedTime(started).TotalMilliseconds);
        }

        // Monitored products the listings do not show, and listed ones without a marker, are asked through their order link.
        var undecided = catalogue.Products.Where(p => p.Availability == StorefrontAvailability.Unknown).Select(p => p.ProductId)
            .Concat(monitored.Keys.Where(pid => catalogue.Products.All(p => p.ProductId != pid)))
            .Distinct().Order().Take(MaxProbes).ToList();
        var read = undecided.Count == 0 ? null : await storefront.ReadAsync(url, undecided, cancellationToken);
        var probed = read?.Products.ToDictionary(p => p.ProductId) ?? [];

        var products = new List<ProbedProduct>();
        var unreadable = new List<string>();
        foreach (var listed in catalogue.Products)
        {
            probed.Remove(listed.ProductId, out var probe);
            var availability = probe?.Availability ?? listed.Availability;
            products.Add(Product(listed.ProductId, listed.Name, listed.Group, availability, probe?.Quantity ?? listed.Quantity, listed.Price, listed.BillingCycle, MonitorOf(monitored, listed.ProductId)));
            if (availability == StorefrontAvailability.Unknown && probe?.Failure is { } why && monitored.ContainsKey(listed.ProductId))
            {
                unreadable.Add(why.Message);
            }
        }

        foreach (var probe in probed.Values.Where(p => p.Availability != StorefrontAvailability.Unknown))
        {
            products.Add(Product(probe.ProductId, probe.Name, probe.Group, probe.Availability, probe.Quantity, probe.Price, probe.BillingCycle, MonitorOf(monitored, probe.ProductId)));
        }

        unreadable.AddRange(probed.Values.Where(p => p.Availability == StorefrontAvailability.Unknown && monitored.ContainsKey(p.ProductId) && p.Failure is not null)
            .Select(p => p.Failure!.Message));
        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        products.Sort((a, b) => (a.Group, a.ProductId).CompareTo((b.Group, b.ProductId)));
        return Finish(website, monitored, products, $"The store's pages answered in {elapsed} ms with {products.Count} product(s)", unreadable, elapsed);
    }

    private static ProbedProduct Product(int pid, string? name, string? group, StorefrontAvailability availability, int? quantity, string? price, string? cycle, int? monitorId)
    {
        var reading = WebsiteReader.ToReading(availability, quantity, name);
        return new ProbedProduct(pid, name ?? $"Product {pid}", group, reading?.Available, reading is { StockControlEnabled: true } ? reading.StoredQuantity : null, price, cycle, monitorId);
    }

    private static ProbeResult Finish(Website website, Dictionary<int, int> monitored, List<ProbedProduct> products, string answered, List<string> unreadable, long elapsed)
    {
        var missing = monitored.Keys.Where(pid => products.All(p => p.ProductId != pid)).Order().ToList();
        var message = answered
            + (missing.Count > 0 ? $"; monitored product id(s) not found: {string.Join(", ", missing)}" : string.Empty)
            + (unreadable.Count > 0 ? $"; {unreadable[0]}" : string.Empty)
            + ".";
        var ok = missing.Count == 0 && unreadable.Count == 0;
        return Result(website, ok, message, ok ? null : missing.Count > 0 ? "ProductMissing" : "NoMarker", products, elapsed);
    }

    private static ProbeResult Result(Website website, bool success, string message, string? kind, IReadOnlyList<ProbedProduct> products, long elapsed) =>
        new(website.Id, website.Name, website.Mode.ToDb(), success, message, kind, products, elapsed);

    private static int? MonitorOf(Dictionary<int, int> monitored, int pid) => monitored.TryGetValue(pid, out var id) ? id : null;
}

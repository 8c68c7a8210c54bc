using System.Security.Cryptography;
using StockBot.Core.Security;
using StockBot.Whmcs;

namespace StockBot.Core.Websites;

public sealed record ProbedProduct(int Pid, int Gid, string Name, bool StockControl, int? Quantity, bool Available, int? MonitorId);

public sealed record ProbeResult(int WebsiteId, string Website, bool Success, string Message, string? FailureKind, IReadOnlyList<ProbedProduct> Products, long DurationMs);

/// <summary>Reads a website now, outside the schedule: `website test` and `website products`.</summary>
public sealed class WebsiteProbe(StockBotDbContext db, WebsiteService websites, SecretProtector protector, WhmcsClient client, TimeProvider time)
{
    public async Task<ProbeResult> ProbeAsync(int websiteId, CancellationToken cancellationToken)
    {
        var website = await websites.GetEntityAsync(websiteId, cancellationToken);
        var monitored = await db.MonitorConfigs.AsNoTracking()
            .Where(m => m.WebsiteId == websiteId)
            .ToDictionaryAsync(m => m.ProductId, m => m.Id, cancellationToken);
        var started = time.GetTimestamp();
        WhmcsCredentials credentials;
        try
        {
            credentials = WebsiteCredentials.For(website, protector);
        }
        catch (CryptographicException ex)
        {
            return new ProbeResult(website.Id, website.Name, false, ex.Message, "Decryption", [], 0);
        }

        // Every product, not only the monitored ones: admins look for the ids to monitor here.
        var result = await client.GetProductsAsync(credentials, null, cancellationToken);
        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        if (!result.IsSuccess)
        {
            return new ProbeResult(website.Id, website.Name, false, result.Failure!.Message, result.Failure.Kind.ToString(), [], elapsed);
        }

        var products = result.Products
            .OrderBy(p => p.Gid).ThenBy(p => p.Pid)
            .Select(p => new ProbedProduct(p.Pid, p.Gid, p.Name, p.StockControl, p.Quantity, p.Available, monitored.TryGetValue(p.Pid, out var id) ? id : null))
            .ToList();
        var missing = monitored.Keys.Where(pid => products.All(p => p.Pid != pid)).Order().ToList();
        var message = $"WHMCS answered in {elapsed} ms with {products.Count} product(s)"
            + (missing.Count > 0 ? $"; monitored product id(s) not found: {string.Join(", ", missing)}" : string.Empty)
            + ".";
        return new ProbeResult(website.Id, website.Name, missing.Count == 0, message, missing.Count == 0 ? null : "ProductMissing", products, elapsed);
    }
}

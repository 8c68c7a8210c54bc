using StockBot.Core.Websites;

namespace StockBot.Core.Monitors;

/// <summary>
/// `monitor add` asks the website whether it lists the product before watching it, so a typo in the pid is an error
/// at once instead of a monitor that fails every cycle. A website that cannot be read now does not block the add.
/// </summary>
public sealed class ProductVerifier(StockBotDbContext db, WebsiteProbe probe)
{
    // RFC 2606 names that never reach a real store (the sample data uses them): nothing to ask.
    private static readonly string[] Reserved = ["example", "invalid", "test", "example.com", "example.net", "example.org"];

    /// <summary>Null when the product is listed (or there was nothing to ask); a note when the website could not say.</summary>
    /// <exception cref="InputException">The website answered and does not list <paramref name="productId"/>.</exception>
    public async Task<string?> VerifyAsync(int websiteId, int productId, CancellationToken cancellationToken)
    {
        var website = await db.Websites.AsNoTracking().Where(w => w.Id == websiteId).Select(w => new { w.WebsiteUrl, w.Mode }).FirstOrDefaultAsync(cancellationToken);
        var url = website?.WebsiteUrl;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || Reserved.Any(r => uri.Host.Equals(r, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + r, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var result = await probe.ProbeAsync(websiteId, cancellationToken);
        if (!result.Success)
        {
            return $"Could not check that {result.Website} lists product {productId}: {result.Message}";
        }

        if (result.Products.Any(p => p.ProductId == productId))
        {
            return null;
        }

        // A store's listings leave out hidden products, which its order link still sells: not listed is not absent.
        if (website!.Mode == WebsiteMode.Storefront)
        {
            return $"{result.Website} does not list product {productId} on its order pages; it will be read through its order link (cart.php?a=add&pid={productId}).";
        }

        if (result.Products.Count == 0)
        {
            return $"Could not check that {result.Website} lists product {productId}: WHMCS answered with no products at all.";
        }

        var some = string.Join(", ", result.Products.Take(8).Select(p => p.ProductId.ToString(CultureInfo.InvariantCulture)));
        throw new InputException("product_id",
            $"{result.Website} lists no product {productId} (it has {result.Products.Count}{(some.Length > 0 ? $": {some}{(result.Products.Count > 8 ? ", ..." : string.Empty)}" : string.Empty)}); `website products {websiteId}` shows them, or skip this check with --no-verify");
    }
}

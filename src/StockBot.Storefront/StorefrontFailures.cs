using System.Buffers;
using System.Globalization;
using System.Net;
using StockBot.Http;

namespace StockBot.Storefront;

/// <summary>Turns what a store (or whatever sits in front of it) answered into one line a person can act on.</summary>
internal static class StorefrontFailures
{
    private const int ChallengeScanLength = 16384;

    // Markers of bot-protection pages: Cloudflare's challenge, and the other protections seen in front of WHMCS.
    // SearchValues, not IndexOf per marker: under invariant globalization an ignore-case IndexOf compares char by
    // char, which cost more than parsing the page (bench --storefront-parse); these search every marker at once.
    private static readonly SearchValues<string> CloudflareMarkers =
        SearchValues.Create(["cf-chl", "challenge-platform", "<title>Just a moment...</title>", "Attention Required! | Cloudflare"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> OtherChallengeMarkers =
        SearchValues.Create(["ddos-guard", "sgcaptcha", "Checking your browser before accessing"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> MaintenanceMarker = SearchValues.Create(["maintenance"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Failures that the status, the headers or a challenge body decide, whatever the page contains.</summary>
    public static StorefrontFailure? FromResponse(HttpResponseMessage response, string body, Uri uri, TimeSpan? retryAfter)
    {
        var host = uri.Host;
        var status = (int)response.StatusCode;
        if (IsCloudflareChallenge(response, body))
        {
            return new(StorefrontFailureKind.Challenge,
                $"The store at {host} answered with a Cloudflare challenge; storefront mode cannot pass it: use API mode with credentials from the provider, or ask the provider to allow-list this server.",
                status);
        }

        if (ContainsAny(body, OtherChallengeMarkers))
        {
            return new(StorefrontFailureKind.Challenge,
                $"The store at {host} answered with a bot-protection challenge; storefront mode cannot pass it: use API mode with credentials from the provider, or ask the provider to allow-list this server.",
                status);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return RateLimited(host, retryAfter);
        }

        if (status >= 500 && LooksLikeMaintenance(body))
        {
            return Maintenance(host, status);
        }

        return status switch
        {
            >= 500 => new(StorefrontFailureKind.ServerError,
                $"The store at {host} has a server error (HTTP {status}); this is usually temporary, otherwise tell the provider.", status),
            401 or 403 => new(StorefrontFailureKind.Refused,
                $"The store at {host} refused the request (HTTP {status}); a firewall blocks this server: ask the provider to allow-list it, or use API mode.", status),
            404 or 410 => new(StorefrontFailureKind.NotFound,
                $"No WHMCS order page at {host}{uri.AbsolutePath} (HTTP {status}); the website URL must be the WHMCS root (the folder holding cart.php).", status),
            < 200 or >= 300 => new(StorefrontFailureKind.HttpStatus,
                $"The store at {host} answered HTTP {status} instead of an order page; check the website URL.", status),
            _ => null,
        };
    }

    public static StorefrontFailure RateLimited(string host, TimeSpan? retryAfter) => new(StorefrontFailureKind.RateLimited,
        retryAfter is { } wait
            ? $"The store at {host} is rate-limiting this server (HTTP 429) and asked to wait {HttpFailureText.Seconds(wait)} s; storefront reads of {host} pause until then. Raise Storefront:MinRequestGap or check less often."
            : $"The store at {host} is rate-limiting this server (HTTP 429); raise Storefront:MinRequestGap or check less often.",
        429);

    public static StorefrontFailure Paused(string host, DateTimeOffset until) => new(StorefrontFailureKind.RateLimited,
        $"Storefront reads of {host} are paused until {until.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC because the store asked to wait (Retry-After); nothing to do unless it keeps asking.");

    public static StorefrontFailure Maintenance(string host, int? status) => new(StorefrontFailureKind.Maintenance,
        $"The store at {host} shows a maintenance page; readings resume when it is back (tell the provider if it lasts).", status);

    public static StorefrontFailure Login(string host, int? status) => new(StorefrontFailureKind.Login,
        $"The store at {host} asked for a login instead of showing its order pages; storefront mode reads public pages only: use API mode, or ask the provider to make the order form public.", status);

    public static StorefrontFailure Redirected(string host, Uri target, int status) => new(StorefrontFailureKind.Redirected,
        $"The store at {host} redirected to another site ({target.Host}); if that is the store, use {target.GetLeftPart(UriPartial.Authority)} as the website URL.", status);

    public static StorefrontFailure TooManyRedirects(string host) => new(StorefrontFailureKind.HttpStatus,
        $"The store at {host} redirected too many times; check the website URL (http or https, www or not).");

    public static StorefrontFailure ProductMissing(string host, int productId) => new(StorefrontFailureKind.ProductMissing,
        $"Product {productId} is in none of the order pages of {host} and its order link leads back to the cart; check the product id (it may be hidden or retired).");

    public static StorefrontFailure ProbeNoMarker(string host, int productId, string? title) => new(StorefrontFailureKind.NoMarker,
        $"The order link of product {productId} at {host} led to a page that is neither the configure step nor the out-of-stock page{Titled(title)}; its stock cannot be told: check the product id, or use API mode.");

    public static StorefrontFailure NotAStorePage(string host, string? title) => new(StorefrontFailureKind.NoMarker,
        $"The page at {host} is not a WHMCS order page{Titled(title)}; check that the website URL is the WHMCS root (the folder holding cart.php).");

    public static StorefrontFailure Timeout(string host, TimeSpan timeout) => new(StorefrontFailureKind.Timeout,
        $"The store at {host} did not answer within {HttpFailureText.Seconds(timeout)} s; the site may be down or overloaded.");

    public static StorefrontFailure Connection(HttpRequestException exception, string host)
    {
        var reason = HttpFailureText.ConnectionReason(exception, "the page was larger than allowed (20 MB)");
        return new(StorefrontFailureKind.Connection, $"Could not read the store at {host}: {reason}.");
    }

    public static StorefrontFailure InvalidUrl() => new(StorefrontFailureKind.Connection,
        HttpFailureText.InvalidUrl);

    /// <summary>A login or maintenance page, told apart only when the page is not what we asked for.</summary>
    public static StorefrontFailure? FromUnexpectedPage(StorePage page)
    {
        if (PageMarkers.IsLoginPage(page.Document))
        {
            return Login(page.FinalUri.Host, page.Status);
        }

        return LooksLikeMaintenance(page.Document.Title) || LooksLikeMaintenance(PageMarkers.MainHeading(page.Document))
            ? Maintenance(page.FinalUri.Host, page.Status)
            : null;
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter?.Date is { } date ? date - time.GetUtcNow() : null;
    }

    private static bool IsCloudflareChallenge(HttpResponseMessage response, string body) =>
        (response.Headers.TryGetValues("cf-mitigated", out var values) && values.Any(v => v.Contains("challenge", StringComparison.OrdinalIgnoreCase)))
        || ContainsAny(body, CloudflareMarkers);

    private static bool ContainsAny(string? text, SearchValues<string> markers) =>
        text is not null && text.AsSpan(0, Math.Min(text.Length, ChallengeScanLength)).ContainsAny(markers);

    private static bool LooksLikeMaintenance(string? text) => ContainsAny(text, MaintenanceMarker);

    private static string Titled(string? title) =>
        string.IsNullOrWhiteSpace(title) ? string.Empty : $" (\"{Clip(title)}\")";

    private static string Clip(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 80 ? line : line[..80] + "…";
    }

}

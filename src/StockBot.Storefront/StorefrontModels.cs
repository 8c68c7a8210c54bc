namespace StockBot.Storefront;

public enum StorefrontAvailability
{
    /// <summary>The store's pages did not tell; see the reading's failure. Never a stock level.</summary>
    Unknown,
    In,
    Out,
}

/// <summary>One monitored product as the store's public pages show it.</summary>
/// <param name="Quantity">The count when the page shows one ("N Available", Lagom's package-qty); otherwise null.</param>
/// <param name="Price">The price as the page shows it, e.g. "$5.00 USD".</param>
/// <param name="BillingCycle">The cycle next to the price, e.g. "Monthly".</param>
/// <param name="Failure">Why <see cref="Availability"/> is Unknown; null otherwise.</param>
public sealed record StorefrontProductReading(
    int ProductId,
    StorefrontAvailability Availability,
    int? Quantity,
    string? Name,
    string? Group,
    string? Price,
    string? BillingCycle,
    StorefrontFailure? Failure = null);

/// <summary>A cycle's readings of one website; when the whole site failed, no products and one failure.</summary>
public sealed record StorefrontReadResult(IReadOnlyList<StorefrontProductReading> Products, StorefrontFailure? Failure)
{
    public bool IsSuccess => Failure is null;

    /// <summary>
    /// Every product the listings showed on the way (no extra request), when every listing answered; null when one
    /// failed, so that a product of a group that did not answer is never taken for one the store has not listed.
    /// </summary>
    public IReadOnlyList<StorefrontListedProduct>? Listed { get; init; }
}

/// <summary>A product one of the store's listings shows; Availability is Unknown when only the a=add probe would tell.</summary>
public sealed record StorefrontListedProduct(
    int ProductId,
    string? Name,
    string? Group,
    StorefrontAvailability Availability,
    int? Quantity,
    string? Price,
    string? BillingCycle);

public sealed record StorefrontCatalogue(IReadOnlyList<StorefrontListedProduct> Products, StorefrontFailure? Failure)
{
    public bool IsSuccess => Failure is null;
}

public enum StorefrontFailureKind
{
    /// <summary>A Cloudflare (or other bot-protection) challenge page.</summary>
    Challenge,
    Login,
    Maintenance,
    ServerError,

    /// <summary>HTTP 429, or the host is paused by an earlier Retry-After.</summary>
    RateLimited,

    /// <summary>A redirect to another host.</summary>
    Redirected,

    /// <summary>HTTP 401/403 without a challenge body.</summary>
    Refused,
    NotFound,
    HttpStatus,
    Timeout,
    Connection,

    /// <summary>The product is in no listing and its order link goes back to the cart.</summary>
    ProductMissing,

    /// <summary>The page shows the product (or answers its order link) without anything that tells its stock.</summary>
    NoMarker,
}

/// <param name="Message">One line a user can act on: what the store answered and what to do.</param>
public sealed record StorefrontFailure(StorefrontFailureKind Kind, string Message, int? HttpStatus = null)
{
    /// <summary>Failures that say nothing good about the next page of the same site either: the cycle stops.</summary>
    internal bool StopsSite => Kind is StorefrontFailureKind.Challenge or StorefrontFailureKind.Login
        or StorefrontFailureKind.Maintenance or StorefrontFailureKind.RateLimited or StorefrontFailureKind.Redirected
        or StorefrontFailureKind.Refused or StorefrontFailureKind.Timeout or StorefrontFailureKind.Connection;
}

public sealed class StorefrontOptions
{
    /// <summary>Quiet time between the end of one request to a host and the start of the next.</summary>
    public TimeSpan MinRequestGap { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Limit for one request (one redirect hop), from sending to the last byte of the body.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Some storefronts turn away anything that does not look like a browser.</summary>
    public string UserAgent { get; set; } =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>
    /// How often a listing's navigation is read for product groups added since discovery (the application sets it
    /// from Monitoring:DiscoveryInterval); a product in no listing has it read at once.
    /// </summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest Retry-After pause we accept; a store asking for more is read again after this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);
}

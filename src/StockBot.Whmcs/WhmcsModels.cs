namespace StockBot.Whmcs;

/// <summary>How to reach one WHMCS installation's External API.</summary>
/// <param name="WebsiteUrl">The WHMCS root (the folder holding includes/api.php), with or without a trailing slash.</param>
/// <param name="AccessKey">WHMCS's <c>$api_access_key</c>; lets a request past the API IP allow-list.</param>
public sealed record WhmcsCredentials(Uri WebsiteUrl, string Identifier, string Secret, string? AccessKey = null)
{
    // The generated ToString would print the secret into any log line or exception that formats the record.
    public override string ToString() => $"WhmcsCredentials {{ WebsiteUrl = {WebsiteUrl}, Identifier = {Identifier} }}";
}

/// <summary>One product as GetProducts reports it.</summary>
/// <param name="Quantity">The stock level when stock control is on; null when it is off or <see cref="StockProblem"/> says why not.</param>
public sealed record WhmcsProduct(int Pid, int Gid, string Name, string? Type, bool StockControl, int? Quantity, string? ProductUrl)
{
    /// <summary>
    /// Why this product's stock is unknown on this read (a stock level that is not a count, or two entries for the pid
    /// that disagree), naming the value; null when the stock was read. A failed read of this product only.
    /// </summary>
    public string? StockProblem { get; init; }

    public bool Available => StockProblem is null && (!StockControl || Quantity > 0);

    /// <summary><see cref="Available"/>, or null when the stock is unknown (<see cref="StockProblem"/>).</summary>
    public bool? KnownAvailable => StockProblem is null ? Available : null;

    /// <summary>The cheapest enabled cycle of <c>pricing</c> (or free); null when WHMCS gave none.</summary>
    public WhmcsPrice? Price { get; init; }
}

public enum WhmcsFailureKind
{
    Authentication,
    Permission,
    Timeout,
    Connection,
    HttpStatus,
    NotJson,
    ApiError,

    /// <summary>Not produced by <see cref="WhmcsClient"/>: the caller decides that a requested pid is absent.</summary>
    ProductMissing,

    /// <summary>Not a whole-answer failure: one product's <see cref="WhmcsProduct.StockProblem"/>, a failed read of it alone.</summary>
    BadStockValue,
}

/// <param name="Message">One line a user can act on; never contains the secret or the access key.</param>
/// <param name="HttpStatus">The HTTP status of the answer, when there was one.</param>
public sealed record WhmcsFailure(WhmcsFailureKind Kind, string Message, int? HttpStatus = null);

public sealed record WhmcsProductsResult(IReadOnlyList<WhmcsProduct> Products, WhmcsFailure? Failure)
{
    public bool IsSuccess => Failure is null;

    internal static WhmcsProductsResult Success(IReadOnlyList<WhmcsProduct> products) => new(products, null);

    internal static WhmcsProductsResult Failed(WhmcsFailure failure) => new([], failure);
}

public sealed class WhmcsClientOptions
{
    /// <summary>Limit for one attempt (sending, waiting and reading the answer); retries get their own.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Extra attempts after a timeout, a connection failure, 5xx, 408 or 429. Never after 403.</summary>
    public int TransientRetries { get; set; } = 2;

    /// <summary>First back-off delay; doubled for each further retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}

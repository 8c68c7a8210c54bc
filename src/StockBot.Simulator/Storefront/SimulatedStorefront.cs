using System.Collections.Concurrent;

namespace StockBot.Simulator.Storefront;

/// <summary>The order form (WHMCS "order form template") a simulated store renders its pages in.</summary>
public enum StorefrontTemplate
{
    /// <summary>"N Available" only for stock-controlled products with stock; the Order button stays at 0.</summary>
    StandardCart,
    PremiumComparison,
    PureComparison,
    UniversalSlider,

    /// <summary>Marks sold-out products with <c>order-unavailable</c>.</summary>
    SupremeComparison,

    /// <summary>No stock marker at all in the listing.</summary>
    CloudSlider,

    /// <summary>Lagom 2: package-qty and a disabled Order button at 0.</summary>
    Lagom,

    /// <summary>Lagom 2 with the Product Restock Notifier: the button and a=add go to the notifier at 0.</summary>
    LagomRestockNotifier,

    /// <summary>The legacy "boxes" form: a radio list without product blocks, and the old error page.</summary>
    LegacyBoxes,
}

/// <summary>What sits in front of a simulated store's pages, on demand.</summary>
public enum StorefrontFault
{
    None,

    /// <summary>HTTP 403, <c>cf-mitigated: challenge</c> and Cloudflare's "Just a moment..." page on every page.</summary>
    CloudflareChallenge,

    /// <summary>Every page redirects to login.php.</summary>
    LoginRedirect,

    /// <summary>HTTP 503 with a maintenance page.</summary>
    Maintenance,

    /// <summary>HTTP 500.</summary>
    ServerError,

    /// <summary>HTTP 429 with <see cref="SimulatedStorefront.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>Every page redirects to another host.</summary>
    RedirectElsewhere,

    /// <summary>HTTP 200 with a page of 21 MB, more than any order page.</summary>
    OversizedPage,

    /// <summary>Listings are fine; every a=add answers a page that is neither the configure step nor out of stock.</summary>
    BlankOrderPage,
}

/// <summary>One storefront request as the store saw it.</summary>
/// <param name="Answered">When the answer was ready, just before its bytes were written.</param>
public sealed record StorefrontRequest(string Path, string Query, DateTimeOffset Arrived, DateTimeOffset Answered, string? Cookie, string? UserAgent)
{
    public bool InEnglish => Query.Contains("language=english", StringComparison.OrdinalIgnoreCase);
}

/// <summary>How a simulated store's public order pages look and misbehave; the stock is the store's own.</summary>
public sealed class SimulatedStorefront
{
    private readonly ConcurrentDictionary<int, string> groupNames = new();
    private readonly ConcurrentDictionary<int, bool> hidden = new();
    private readonly ConcurrentQueue<StorefrontRequest> requests = new();
    private int template;
    private int fault;
    private int modernRoutes;
    private int sessions;
    private long latencyTicks;
    private long retryAfterTicks = TimeSpan.FromSeconds(30).Ticks;
    private string defaultLanguage = "english";

    internal SimulatedStorefront(int storeId) => StoreId = storeId;

    internal int StoreId { get; }

    public StorefrontTemplate Template
    {
        get => (StorefrontTemplate)Volatile.Read(ref this.template);
        set => Volatile.Write(ref this.template, (int)value);
    }

    public StorefrontFault Fault
    {
        get => (StorefrontFault)Volatile.Read(ref fault);
        set => Volatile.Write(ref fault, (int)value);
    }

    /// <summary>WHMCS 8.3+: listings and order links are store routes, and a=add redirects to the product's route first.</summary>
    public bool ModernRoutes
    {
        get => Volatile.Read(ref modernRoutes) != 0;
        set => Volatile.Write(ref modernRoutes, value ? 1 : 0);
    }

    /// <summary>Delay before every storefront answer (the API has its own).</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref latencyTicks));
        set => Interlocked.Exchange(ref latencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>The language pages are shown in when the request names none (WHMCS: the visitor's language); "english" or any other.</summary>
    public string DefaultLanguage
    {
        get => Volatile.Read(ref defaultLanguage);
        set => Volatile.Write(ref defaultLanguage, string.IsNullOrEmpty(value) ? throw new ArgumentException("A language is needed.", nameof(value)) : value);
    }

    /// <summary>The Retry-After of <see cref="StorefrontFault.RateLimited"/>, in whole seconds.</summary>
    public TimeSpan RetryAfter
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref retryAfterTicks));
        set => Interlocked.Exchange(ref retryAfterTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>When set, <see cref="StorefrontFault.Maintenance"/> sends it as Retry-After (a 503 that says when to come back).</summary>
    public TimeSpan? MaintenanceRetryAfter { get; set; }

    public IReadOnlyCollection<StorefrontRequest> Requests => requests;

    public int RequestCount => requests.Count;

    public void NameGroup(int gid, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        groupNames[gid] = name;
    }

    public string GroupName(int gid) => groupNames.TryGetValue(gid, out var name) ? name : $"Group {gid}";

    /// <summary>Like WHMCS's "hidden" flag: no listing shows the product, its order link still works.</summary>
    public void HideFromListings(int pid) => this.hidden[pid] = true;

    public void ClearRequests() => requests.Clear();

    internal bool IsHidden(int pid) => this.hidden.ContainsKey(pid);

    internal void Record(StorefrontRequest request) => requests.Enqueue(request);

    internal string NewSession() => $"s{StoreId}-{Interlocked.Increment(ref sessions)}";
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StockBot.Http;

namespace StockBot.Storefront;

public static class StorefrontServiceCollectionExtensions
{
    internal const string HttpClientName = "StockBot.Storefront";

    // An order page is a few hundred KiB; a runaway page (or a decompressed gzip bomb) stops here.
    private const long MaxPageBytes = 20 * 1024 * 1024;

    /// <summary>Registers <see cref="StorefrontReader"/> (a singleton: it holds cookies, group lists and host gates).</summary>
    public static IServiceCollection AddStockBotStorefront(this IServiceCollection services, Action<StorefrontOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<StorefrontOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => o.MinRequestGap >= TimeSpan.Zero, "Storefront:MinRequestGap cannot be negative.")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "Storefront:RequestTimeout must be positive.")
            .Validate(o => o.DiscoveryInterval >= TimeSpan.Zero, "Storefront:DiscoveryInterval cannot be negative.")
            .Validate(o => o.MaxRetryAfter >= TimeSpan.Zero, "Storefront:MaxRetryAfter cannot be negative.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.UserAgent), "Storefront:UserAgent cannot be empty.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        // Redirects are followed by hand (only on the same site, each through the host's gate), and cookies are
        // kept per website by the reader, not per handler (which all websites share).
        services.AddHttpClient(HttpClientName, client => client.LimitAnswers(MaxPageBytes)).UseStoreHandler();
        services.AddSingleton<StorefrontReader>();
        return services;
    }
}

using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Whmcs;

public static class WhmcsServiceCollectionExtensions
{
    // A generous bound: a catalogue of a few thousand products is well under 8 MiB; a runaway page is not.
    private const long MaxAnswerBytes = 32 * 1024 * 1024;

    /// <summary>Registers <see cref="WhmcsClient"/> as a typed HttpClient and its <see cref="WhmcsClientOptions"/>.</summary>
    public static IServiceCollection AddWhmcs(this IServiceCollection services, Action<WhmcsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WhmcsClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Retries are our own loop in WhmcsClient, not AddStandardResilienceHandler: its circuit breaker is
        // per named client, so a few dead websites would open it for every website sharing this client.
        services.AddHttpClient<WhmcsClient>(client =>
            {
                // WhmcsClient applies RequestTimeout per attempt; HttpClient's own 100 s would only get in the way.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = MaxAnswerBytes;
                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                // Some web application firewalls reject requests without a User-Agent.
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("StockBot", "1.0"));
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A POST that is redirected turns into a GET without the form; WhmcsClient reports the target instead.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseCookies = false,
            })
            // PooledConnectionLifetime already refreshes DNS; rotating handlers would only drop warm connections.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's default handlers log the request URL at Information; ours logs the host only, at Debug.
            .RemoveAllLoggers();
        return services;
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Http;

/// <summary>How every reader of a store (WHMCS's API, its storefront) talks HTTP: the same handler, the same silence.</summary>
public static class StoreHttpClient
{
    /// <summary>
    /// One pooled handler for all websites: redirects followed by the reader itself (it decides which are safe),
    /// no shared cookie jar (websites must not see each other's cookies), and no factory logging.
    /// </summary>
    public static IHttpClientBuilder UseStoreHandler(this IHttpClientBuilder builder) => builder
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        })
        // PooledConnectionLifetime already refreshes DNS; rotating handlers would only drop warm connections.
        .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
        // The factory's default handlers log the full request URL at Information; the readers log host and path at Debug.
        .RemoveAllLoggers();

    /// <summary>The reader applies its own timeout per request; HttpClient's 100 s would only get in the way.</summary>
    public static void LimitAnswers(this HttpClient client, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.MaxResponseContentBufferSize = maxBytes;
    }
}

using System.Globalization;

namespace StockBot.Http;

/// <summary>The operator's words for what went wrong below HTTP, shared by every store reader.</summary>
public static class HttpFailureText
{
    public const string InvalidUrl = "The website URL must be an absolute http:// or https:// address of the WHMCS root.";

    /// <summary>Why a request failed before an answer arrived, and what to check.</summary>
    public static string ConnectionReason(HttpRequestException exception, string tooLarge)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "the host name does not resolve; check the website URL",
            HttpRequestError.SecureConnectionError => "the TLS handshake failed; check the site's certificate",
            HttpRequestError.ConnectionError => "the connection was refused or the host is unreachable; check the website URL and that the site is up",
            HttpRequestError.ResponseEnded => "the connection closed before a full answer arrived",
            HttpRequestError.InvalidResponse => "the answer was not valid HTTP",
            HttpRequestError.ConfigurationLimitExceeded => tooLarge,
            _ => "the request failed before an answer arrived",
        };
    }

    /// <summary>Seconds as people read them: 15, 2.5.</summary>
    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}

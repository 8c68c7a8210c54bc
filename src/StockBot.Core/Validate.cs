using System.Diagnostics.CodeAnalysis;

namespace StockBot.Core;

/// <summary>The checks every front end shares, each throwing an <see cref="InputException"/>.</summary>
public static class Validate
{
    public static string Name(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new InputException(field, "must not be empty");
        }

        if (trimmed.Length > maxLength)
        {
            throw new InputException(field, $"must be at most {maxLength} characters (got {trimmed.Length})");
        }

        return trimmed;
    }

    /// <summary>A platform as a person types it, in any case: one of the stored names (discord, telegram, console).</summary>
    public static Data.Entities.Platform Platform(string field, string? value)
    {
        var typed = value?.Trim().ToLowerInvariant();
        var platforms = Enum.GetValues<Data.Entities.Platform>();
        foreach (var platform in platforms)
        {
            if (platform.ToDb() == typed)
            {
                return platform;
            }
        }

        throw new InputException(field, $"must be one of {string.Join(", ", platforms.Select(p => p.ToDb()))}");
    }

    public static string? Optional(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength
            ? throw new InputException(field, $"must be at most {maxLength} characters (got {trimmed.Length})")
            : trimmed;
    }

    /// <summary>An http(s) URL as typed, checked and stored in its RFC 3986 form (<see cref="Rfc3986"/>), without a trailing '/'.</summary>
    public static string HttpUrl(string field, string? value, int maxLength = 500)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new InputException(field, "must be an http:// or https:// URL");
        }

        if (!IsHttpUrl(trimmed, out var uri))
        {
            throw new InputException(field, $"must be an http:// or https:// URL, not '{TextLimit.Clip(trimmed, 60)}'");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InputException(field, "must not carry a user name or password");
        }

        var normalized = Rfc3986(uri).TrimEnd('/');
        return normalized.Length > maxLength
            ? throw new InputException(field, $"must be at most {maxLength} characters")
            : normalized;
    }

    /// <summary>
    /// A link as RFC 3986 spells it, the form chat platforms accept: spaces, `{}`, `|`, `&lt;&gt;`, quotes and
    /// non-ASCII percent-encoded (UTF-8), an international host name in its ASCII (punycode) form, `\` as `/`, the
    /// scheme and host in lower case and a default port left out. Escapes already there are kept as they are.
    /// </summary>
    public static string Rfc3986(Uri uri) =>
        (uri.IdnHost == uri.Host ? uri : new UriBuilder(uri) { Host = uri.IdnHost }.Uri).AbsoluteUri;

    /// <summary>The one test of "an absolute http:// or https:// URL with a host", for every front end.</summary>
    public static bool IsHttpUrl([NotNullWhen(true)] string? value) => IsHttpUrl(value, out _);

    private static bool IsHttpUrl([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Uri? uri)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host))
        {
            return true;
        }

        uri = null;
        return false;
    }

    public static int? Threshold(string field, int? value) =>
        value is < 0 ? throw new InputException(field, $"must be 0 or more (got {value})") : value;

    public static void ThresholdOrder(int? low, int? high)
    {
        if (low is not null && high is not null && low > high)
        {
            throw new InputException("threshold_low", $"must not be above threshold_high ({low} > {high})");
        }
    }

    public static int ProductId(int value) =>
        value <= 0 ? throw new InputException("product_id", $"must be a positive WHMCS product id (got {value})") : value;
}

using System.Net;
using StockBot.Http;
using System.Net.Http.Headers;
using System.Text;

namespace StockBot.Whmcs;

/// <summary>Turns what WHMCS (or whatever sits in front of it) answered into one line a person can act on.</summary>
internal static class WhmcsFailures
{
    private const int MaxQuotedLength = 200;

    /// <summary>Classifies a <c>result: error</c> answer by WHMCS's message, whatever the HTTP status.</summary>
    /// <remarks>WHMCS answers authentication errors with 403 since 7.x, older versions with 200.</remarks>
    public static WhmcsFailure FromWhmcsError(string? whmcsMessage, int status, WhmcsCredentials? credentials = null)
    {
        var quoted = Quote(whmcsMessage, credentials);
        var text = quoted ?? string.Empty;
        if (text.StartsWith("Invalid IP", StringComparison.OrdinalIgnoreCase))
        {
            return new(WhmcsFailureKind.Authentication,
                $"WHMCS refused the request: {text}. Add this server's address to WHMCS's API IP allow-list (Setup > General Settings > Security) or set an API access key.",
                status);
        }

        if (text.StartsWith("Invalid Access Key", StringComparison.OrdinalIgnoreCase))
        {
            return new(WhmcsFailureKind.Authentication,
                $"WHMCS refused the request: {text}. Check the API access key (the $api_access_key line in WHMCS's configuration.php), or remove it and allow this server's address instead.",
                status);
        }

        if (text.Contains("IP Banned", StringComparison.OrdinalIgnoreCase))
        {
            return new(WhmcsFailureKind.Authentication,
                $"WHMCS refused the request: {text}. WHMCS has banned this server's address, usually after repeated failed logins: fix the identifier and secret, then wait for the ban to expire or remove it in WHMCS (Configuration > System Settings > Banned IPs).",
                status);
        }

        if (text.StartsWith("Invalid Permissions", StringComparison.OrdinalIgnoreCase))
        {
            return new(WhmcsFailureKind.Permission,
                $"WHMCS refused the request: {text}. Allow the GetProducts action in the API role of these credentials (Setup > Staff Management > API Roles).",
                status);
        }

        if (text.Contains("Authentication Failed", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Invalid or missing credentials", StringComparison.OrdinalIgnoreCase))
        {
            return new(WhmcsFailureKind.Authentication,
                $"WHMCS refused the request: {text}. Check the API identifier and secret (Setup > Staff Management > Manage API Credentials); repeated failures get this server's address banned.",
                status);
        }

        if (status == (int)HttpStatusCode.Forbidden)
        {
            return new(WhmcsFailureKind.Authentication,
                $"WHMCS refused the request (HTTP 403): {(quoted ?? "no reason given")}. Check the API credentials, access key and IP allow-list.",
                status);
        }

        if (status is >= 200 and < 300)
        {
            return new(WhmcsFailureKind.ApiError, $"WHMCS answered with an error: {(quoted ?? "no message given")}.", status);
        }

        return new(WhmcsFailureKind.HttpStatus,
            $"WHMCS answered HTTP {status} with the error: {(quoted ?? "no message given")}.", status);
    }

    public static WhmcsFailure FromStatus(HttpStatusCode code, string host, Uri? redirect)
    {
        var status = (int)code;
        var message = status switch
        {
            >= 300 and < 400 when redirect is not null =>
                $"WHMCS at {host} redirected the API request elsewhere; use {SuggestedRoot(redirect)} as the website URL.",
            >= 300 and < 400 => $"WHMCS at {host} answered with a redirect (HTTP {status}); check the website URL (http or https, www or not).",
            401 => $"The site at {host} asked for a login (HTTP 401) before WHMCS; allow this server through the web server's password protection for includes/api.php.",
            403 => $"The site at {host} refused the request (HTTP 403) without a WHMCS answer; a firewall, Cloudflare or a web server rule is blocking includes/api.php for this server's address.",
            404 => $"No WHMCS API at {host} (HTTP 404); the website URL must be the WHMCS root, the folder holding includes/api.php.",
            408 or 504 => $"The site at {host} timed out (HTTP {status}); this is usually temporary.",
            429 => $"The site at {host} is rate-limiting this server (HTTP 429); check less often or exempt this server's address from the limit.",
            >= 500 => $"The site at {host} has a server error (HTTP {status}); this is usually temporary, otherwise see the site's error log.",
            _ => $"The site at {host} answered HTTP {status} instead of the WHMCS API.",
        };
        return new WhmcsFailure(WhmcsFailureKind.HttpStatus, message, status);
    }

    public static WhmcsFailure NotJson(ReadOnlySpan<byte> body, MediaTypeHeaderValue? contentType, string host, int status, WhmcsCredentials? credentials = null)
    {
        var trimmed = body.TrimStart(" \t\r\n\uFEFF"u8);
        string what;
        if (trimmed.IsEmpty)
        {
            what = "an empty answer";
        }
        else if (trimmed.StartsWith("<?xml"u8) || trimmed.StartsWith("<whmcsapi"u8))
        {
            what = "XML instead of JSON (this WHMCS may be too old to honour responsetype=json)";
        }
        else if (LooksLikeCloudflare(trimmed))
        {
            return new(WhmcsFailureKind.NotJson,
                $"WHMCS at {host} answered with a Cloudflare challenge page instead of JSON; allow this server's address in Cloudflare or add a rule that skips the challenge for includes/api.php.",
                status);
        }
        else if (trimmed[0] == (byte)'<' || contentType?.MediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var title = Quote(WhmcsResponseParser.HtmlTitle(trimmed), credentials);
            what = title is null ? "an HTML page" : $"an HTML page (\"{title}\")";
        }
        else
        {
            what = "an answer that is not JSON";
        }

        return new(WhmcsFailureKind.NotJson,
            $"WHMCS at {host} answered with {what}; check that the website URL is the WHMCS root and that no login page, maintenance page or firewall sits in front of includes/api.php.",
            status);
    }

    public static WhmcsFailure Unrecognised(string host, int status) => new(WhmcsFailureKind.NotJson,
        $"The site at {host} answered JSON that is not a WHMCS API answer; check that the website URL is the WHMCS root.",
        status);

    public static WhmcsFailure Timeout(string host, TimeSpan timeout) => new(WhmcsFailureKind.Timeout,
        $"WHMCS at {host} did not answer within {HttpFailureText.Seconds(timeout)} s; the site may be down or overloaded.");

    public static WhmcsFailure Connection(HttpRequestException exception, string host)
    {
        var reason = HttpFailureText.ConnectionReason(exception, "the answer was larger than allowed");
        return new WhmcsFailure(WhmcsFailureKind.Connection, $"Could not reach WHMCS at {host}: {reason}.");
    }

    public static WhmcsFailure InvalidUrl() => new(WhmcsFailureKind.Connection,
        HttpFailureText.InvalidUrl);

    private static string RemoveValue(string message, string? value) =>
        string.IsNullOrEmpty(value) || !message.Contains(value, StringComparison.Ordinal)
            ? message
            : message.Replace(value, "***", StringComparison.Ordinal);

    /// <summary>
    /// Makes remote text safe to show: one line, bounded, and without the secret or access key in case
    /// the site echoes them. Only remote text is redacted: a short secret must not mangle our own words.
    /// </summary>
    internal static string? Quote(string? text, WhmcsCredentials? credentials)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (credentials is not null)
        {
            text = RemoveValue(RemoveValue(text, credentials.Secret), credentials.AccessKey);
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxQuotedLength + 1));
        var lastWasSpace = false;
        foreach (var c in text.AsSpan().Trim())
        {
            var isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
            if (isSpace && lastWasSpace)
            {
                continue;
            }

            builder.Append(isSpace ? ' ' : c);
            lastWasSpace = isSpace;
            if (builder.Length >= MaxQuotedLength)
            {
                builder.Append('…');
                break;
            }
        }

        // WHMCS messages usually end with a full stop; ours add their own.
        return builder.ToString().TrimEnd('.', ' ');
    }

    private static bool LooksLikeCloudflare(ReadOnlySpan<byte> body)
    {
        var head = body[..Math.Min(body.Length, 16384)];
        return head.IndexOf("cf-chl"u8) >= 0
            || head.IndexOf("challenge-platform"u8) >= 0
            || head.IndexOf("Just a moment..."u8) >= 0
            || head.IndexOf("Attention Required! | Cloudflare"u8) >= 0;
    }

    private static string SuggestedRoot(Uri redirect)
    {
        var text = redirect.GetLeftPart(UriPartial.Path);
        const string ApiPath = "/includes/api.php";
        return text.EndsWith(ApiPath, StringComparison.OrdinalIgnoreCase) ? text[..^ApiPath.Length] : text;
    }
}

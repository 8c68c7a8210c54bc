using System.Text.RegularExpressions;

namespace StockBot.Discord.Webhooks;

/// <summary>
/// A Discord channel webhook's id and token, read from its URL as Discord's "Copy Webhook URL" gives it
/// (https://discord.com/api/webhooks/{id}/{token}; discordapp.com and the ptb./canary. hosts, and a versioned
/// /api/v10/ path, are the same API). The token is a secret: <see cref="ToString"/> and <see cref="Masked"/> leave it out.
/// </summary>
public sealed partial record DiscordWebhookUrl(string Id, string Token)
{
    public const string CanonicalPrefix = "https://discord.com/api/webhooks/";

    private static readonly HashSet<string> Hosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "discord.com", "ptb.discord.com", "canary.discord.com",
        "discordapp.com", "ptb.discordapp.com", "canary.discordapp.com",
    };

    /// <summary>One spelling for every host Discord accepts, so the same webhook is the same stored URL.</summary>
    public string Canonical => CanonicalPrefix + Id + "/" + Token;

    /// <summary>The path under the REST base (Discord:ApiBaseUrl) that executes it.</summary>
    public string ExecutePath => $"webhooks/{Id}/{Token}";

    public static string Masked(string id) => CanonicalPrefix + id + "/****";

    /// <summary>The webhook of <paramref name="url"/>, or null when it is not a Discord webhook URL.</summary>
    public static DiscordWebhookUrl? TryParse(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || !Hosts.Contains(uri.Host)
            || !uri.IsDefaultPort
            || uri.UserInfo.Length > 0
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0)
        {
            return null;
        }

        var match = PathPattern().Match(uri.AbsolutePath);
        return match.Success && DiscordOptionsValidator.IsSnowflake(match.Groups["id"].Value)
            ? new DiscordWebhookUrl(match.Groups["id"].Value, match.Groups["token"].Value)
            : null;
    }

    public override string ToString() => Masked(Id);

    // Tokens are URL-safe base64 (68 characters today); a little room either way, nothing that needs escaping.
    [GeneratedRegex(@"^/api/(?:v\d{1,2}/)?webhooks/(?<id>[0-9]{1,20})/(?<token>[A-Za-z0-9_\-]{20,120})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}

using Microsoft.Extensions.Options;

namespace StockBot.Discord;

/// <summary>The "Discord" configuration section. Token, ApiBaseUrl, GatewayUrl, GuildId and ManagementGuildIds are contracts; the rest are tuning knobs (tests shorten them).</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The bot token; empty = Discord off.</summary>
    public string? Token { get; set; }

    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Overrides the URL from GET /gateway/bot (a proxy or a fake).</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>Register the commands to this guild (instant) instead of globally; StockBot is managed from it.</summary>
    public string? GuildId { get; set; }

    /// <summary>
    /// More guilds StockBot is managed from (Discord:ManagementGuildIds:0, :1... or one entry of comma-separated
    /// ids). Management commands are registered to these guilds only and refused anywhere else.
    /// </summary>
    public List<string> ManagementGuildIds { get; set; } = [];

    /// <summary>The first wait before an Identify that follows another Identify without a stable session; doubles with each one.</summary>
    public TimeSpan IdentifyBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxIdentifyBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session that stayed up this long is stable: the next Identify starts the backoff afresh.</summary>
    public TimeSpan StableSessionAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first reconnect delay; doubles (with jitter) on each failed attempt.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait before a new Identify after op 9 (not resumable); Discord asks for 1-5 s.</summary>
    public TimeSpan InvalidSessionDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the REST client may hold a request for a rate limit before it gives up and reports "retry later".</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After this many 401/403/429 answers in a row, every request pauses (Discord bans IPs that keep getting them).</summary>
    public int MaxInvalidRequestsInARow { get; set; } = 5;

    public TimeSpan InvalidRequestPause { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A command still running after this long is deferred (type 5) and its reply edited in later; Discord allows 3 s.</summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);

    /// <summary>Discord:GuildId and Discord:ManagementGuildIds together, trimmed, without duplicates.</summary>
    public IReadOnlyList<string> ManagementGuilds =>
        SplitIds(new[] { GuildId }.Concat(ManagementGuildIds)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Ids from entries that may each hold several, comma-separated: trimmed, empties left out.</summary>
    internal static IEnumerable<string> SplitIds(IEnumerable<string?> entries) =>
        entries.SelectMany(ids => (ids ?? string.Empty).Split(',')).Select(id => id.Trim()).Where(id => id.Length > 0);

    /// <summary>The line a refused management command answers with (no guild set, or the wrong one).</summary>
    public string ManagementRefusal => ManagementGuilds.Count == 0
        ? "Managing StockBot from Discord is off: the operator sets Discord:GuildId or Discord:ManagementGuildIds to the server StockBot is managed from."
        : "StockBot is managed only in the operator's server (Discord:GuildId / Discord:ManagementGuildIds); here you can use /status, /history, /subscriptions and /help.";
}

/// <summary>One clear line per problem, naming the key.</summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (options.Token!.Trim().Contains(' ', StringComparison.Ordinal) || options.Token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("Discord:Token must be the bare bot token, without spaces or a \"Bot \" prefix.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"Discord:ApiBaseUrl must be an absolute http(s) URL such as {DiscordOptions.DefaultApiBaseUrl}.");
        }

        if (!string.IsNullOrWhiteSpace(options.GatewayUrl)
            && (!Uri.TryCreate(options.GatewayUrl, UriKind.Absolute, out var gateway) || (gateway.Scheme != "wss" && gateway.Scheme != "ws")))
        {
            problems.Add("Discord:GatewayUrl must be an absolute ws:// or wss:// URL (leave it empty to ask Discord).");
        }

        if (!string.IsNullOrWhiteSpace(options.GuildId) && !IsSnowflake(options.GuildId))
        {
            problems.Add("Discord:GuildId must be a server id (digits only; Developer Mode > right-click the server > Copy Server ID).");
        }

        foreach (var id in DiscordOptions.SplitIds(options.ManagementGuildIds))
        {
            if (!IsSnowflake(id))
            {
                problems.Add($"Discord:ManagementGuildIds must list server ids (digits only, comma-separated or one per entry), not '{Core.TextLimit.Clip(id, 30)}'.");
                break;
            }
        }

        if (options.IdentifyBackoff <= TimeSpan.Zero || options.MaxIdentifyBackoff < options.IdentifyBackoff)
        {
            problems.Add("Discord:IdentifyBackoff must be positive and not above Discord:MaxIdentifyBackoff.");
        }

        if (options.ReconnectDelay <= TimeSpan.Zero || options.MaxReconnectDelay < options.ReconnectDelay)
        {
            problems.Add("Discord:ReconnectDelay must be positive and not above Discord:MaxReconnectDelay.");
        }

        if (options.MaxInvalidRequestsInARow < 1)
        {
            problems.Add("Discord:MaxInvalidRequestsInARow must be at least 1.");
        }

        if (options.DeferAfter <= TimeSpan.Zero || options.DeferAfter > TimeSpan.FromSeconds(2.5))
        {
            problems.Add("Discord:DeferAfter must be between 00:00:00 and 00:00:02.5 (Discord wants an answer within 3 s).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    internal static bool IsSnowflake(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 20 && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}

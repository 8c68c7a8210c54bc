using StockBot.Core.Websites;

namespace StockBot.Core.Commands;

/// <summary>`/website ...`: the definitions every front end reads, and the chat replies.</summary>
public sealed class WebsiteHandlers(WebsiteService websites, TimeProvider time)
{
    public const string Group = "website";

    /// <summary>The website an option names: an id, suggested by name where the platform autocompletes.</summary>
    internal static CommandOption WebsiteId(bool required = true, string description = "Website id") =>
        new("website", CommandOptionType.Integer, description, required, MinValue: 1, Lookup: OptionLookup.Website);

    internal static readonly IReadOnlyList<CommandDefinition> Definitions =
    [
        new(Group, "add", "Add a WHMCS website (API mode: the secret is stored encrypted; storefront mode: no credentials)", CommandAccess.Admin,
        [
            new("name", CommandOptionType.String, "Website name, unique", Required: true, MaxLength: 255),
            new("url", CommandOptionType.String, "WHMCS base URL, http(s)", Required: true, MaxLength: 500),
            new("api_identifier", CommandOptionType.String, "WHMCS API identifier (api mode)", MaxLength: 255),
            new("api_secret", CommandOptionType.String, "WHMCS API secret (api mode)", MaxLength: WebsiteService.MaxSecretLength, IsSecret: true),
            new("region", CommandOptionType.String, "Region, e.g. US-East", MaxLength: 100),
            Mode(),
        ]) { Handler = CommandDefinition.On<WebsiteHandlers>((h, c) => h.AddAsync(c)) },
        new(Group, "list", "List websites", CommandAccess.Admin, []) { Handler = CommandDefinition.On<WebsiteHandlers>((h, c) => h.ListAsync(c)) },
        new(Group, "remove", "Remove a website (force: with its monitors and history)", CommandAccess.Admin,
            [WebsiteId(), new("force", CommandOptionType.Boolean, "Also remove its monitors and history")]) { Handler = CommandDefinition.On<WebsiteHandlers>((h, c) => h.RemoveAsync(c)) },
        new(Group, "enable", "Read this website again", CommandAccess.Admin, [WebsiteId()]) { Handler = CommandDefinition.On<WebsiteHandlers>((h, c) => h.ToggleAsync(c, true)) },
        new(Group, "disable", "Stop reading this website (monitors are kept)", CommandAccess.Admin, [WebsiteId()]) { Handler = CommandDefinition.On<WebsiteHandlers>((h, c) => h.ToggleAsync(c, false)) },
        new(Group, "pause", "Pause reading a website for maintenance: no alerts, no errors counted, until then", CommandAccess.Admin,
        [
            WebsiteId(),
            new(WebsitePause.UntilFlag, CommandOptionType.String, "A duration (2h, 30m) or a UTC date and time (2026-12-03T06:00Z)", Required: true, MaxLength: 40),
        ]) { Handler = CommandDefinition.On<WebsiteHandlers>((h, c) => h.PauseAsync(c)) },
        new(Group, "resume", "Read a paused website again from the next cycle", CommandAccess.Admin, [WebsiteId()]) { Handler = CommandDefinition.On<WebsiteHandlers>((h, c) => h.ResumeAsync(c)) },
        new(Group, "test", "Read the website now and say what is wrong, if anything", CommandAccess.Admin, [WebsiteId()]) { Handler = CommandDefinition.On<WebsiteProbeHandlers>((h, c) => h.TestAsync(c)) },
        new(Group, "products", "List the website's products with their ids and stock", CommandAccess.Admin, [WebsiteId()]) { Handler = CommandDefinition.On<WebsiteProbeHandlers>((h, c) => h.ProductsAsync(c)) },
    ];

    /// <summary>How the website is read; `website update` takes the same option.</summary>
    internal static CommandOption Mode() =>
        new("mode", CommandOptionType.String, "api (WHMCS API credentials, the default) or storefront (public order pages)", MaxLength: 20);

    /// <summary>`website add` as the service takes it; the CLI adds what chat does not ask for (the access key).</summary>
    public static WebsiteInput InputOf(CommandArguments a, string? accessKey = null) =>
        new(a.RequiredString("name"), a.RequiredString("url"), a.String("api_identifier"), a.String("api_secret"), a.String("region"), accessKey,
            a.String("mode") is { } mode ? WebsiteModes.Parse("mode", mode) : WebsiteMode.Api);

    private async Task<CommandReply> AddAsync(CommandContext c)
    {
        var site = await websites.CreateAsync(InputOf(c.Arguments), c.CancellationToken);
        return CommandReply.Ok($"Website #{site.Id} added: {site.Name}",
        [
            $"{site.WebsiteUrl}{RegionSuffix(site.Region)}",
            site.Mode == WebsiteMode.Storefront.ToDb()
                ? "Storefront mode: read from the public order pages, no credentials (counts only where the store shows them)."
                : $"API secret stored encrypted: {site.ApiSecret}",
            $"Next: /website test {site.Id}, then /website products {site.Id} to find product ids for /monitor add {site.Id} <product>.",
        ]);
    }

    private async Task<CommandReply> ListAsync(CommandContext c)
    {
        var sites = await websites.ListAsync(c.CancellationToken);
        return sites.Count == 0
            ? CommandReply.Ok("No websites yet.", ["Add one with /website add (in a private chat: it carries the API secret)."])
            : CommandReply.Ok($"{sites.Count} website(s)", sites.Select(s =>
                $"#{s.Id} {s.Name}: {s.WebsiteUrl}{RegionSuffix(s.Region)}, {s.Mode}, {s.MonitorCount} monitor(s){(s.IsActive ? string.Empty : ", disabled")}{(s.PausedUntil is { } until ? $", paused until {PausedText(until)}" : string.Empty)}").ToList());
    }

    private async Task<CommandReply> RemoveAsync(CommandContext c)
    {
        var result = await websites.RemoveAsync(c.Arguments.RequiredInt("website"), c.Arguments.Bool("force") ?? false, c.CancellationToken);
        return CommandReply.Ok($"Website #{result.Id} removed: {result.Name}",
            [$"With {result.MonitorsRemoved} monitor(s), {result.StockRecordsRemoved} stock record(s) and {result.EventsRemoved} event(s)."]);
    }

    private async Task<CommandReply> ToggleAsync(CommandContext c, bool active)
    {
        var site = await websites.SetActiveAsync(c.Arguments.RequiredInt("website"), active, c.CancellationToken);
        return CommandReply.Ok($"Website #{site.Id} {(active ? "enabled" : "disabled")}: {site.Name}",
            [active ? "Its monitors are read again from the next cycle." : "Its monitors are kept but not read until /website enable."]);
    }

    private async Task<CommandReply> PauseAsync(CommandContext c)
    {
        var until = WebsitePause.Until(c.Arguments.RequiredString(WebsitePause.UntilFlag), time.GetUtcNow().UtcDateTime);
        var site = await websites.PauseAsync(c.Arguments.RequiredInt("website"), until, c.CancellationToken);
        return CommandReply.Ok($"Website #{site.Id} paused until {PausedText(until)}: {site.Name}",
            ["It is not read until then: no alerts, and its errors are not counted. /website resume ends the pause early."]);
    }

    private async Task<CommandReply> ResumeAsync(CommandContext c)
    {
        var site = await websites.PauseAsync(c.Arguments.RequiredInt("website"), null, c.CancellationToken);
        return CommandReply.Ok($"Website #{site.Id} resumed: {site.Name}", ["Its monitors are read again from the next cycle."]);
    }

    /// <summary>"2026-12-03 06:00 UTC".</summary>
    public static string PausedText(DateTime until) => until.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string RegionSuffix(string? region) => region is null ? string.Empty : $" ({region})";
}

using StockBot.Core.Monitors;

namespace StockBot.Core.Commands;

/// <summary>`/monitor ...`: the definitions every front end reads, and the chat replies.</summary>
public sealed class MonitorHandlers(MonitorService monitors, ProductVerifier verifier)
{
    public const string Group = "monitor";

    internal static readonly IReadOnlyList<CommandDefinition> Definitions =
    [
        new(Group, "add", "Monitor a product of a website", CommandAccess.Admin,
        [
            WebsiteHandlers.WebsiteId(),
            new("product", CommandOptionType.Integer, "WHMCS product id (pid)", Required: true, MinValue: 1),
            .. Settings(isNew: true),
            new("verify", CommandOptionType.Boolean, "Check that the website lists this product first (default true)"),
        ]) { Handler = CommandDefinition.On<MonitorHandlers>((h, c) => h.AddAsync(c)) },
        new(Group, "list", "List monitors", CommandAccess.Admin, [WebsiteHandlers.WebsiteId(false, "Only this website's monitors")]) { Handler = CommandDefinition.On<MonitorHandlers>((h, c) => h.ListAsync(c)) },
        new(Group, "remove", "Remove a monitor (force: with its history)", CommandAccess.Admin,
            [MonitorId(), new("force", CommandOptionType.Boolean, "Also remove its history")]) { Handler = CommandDefinition.On<MonitorHandlers>((h, c) => h.RemoveAsync(c)) },
        new(Group, "pause", "Stop checking a monitor", CommandAccess.Admin, [MonitorId()]) { Handler = CommandDefinition.On<MonitorHandlers>((h, c) => h.PauseAsync(c, pause: true)) },
        new(Group, "resume", "Check a monitor again", CommandAccess.Admin, [MonitorId()]) { Handler = CommandDefinition.On<MonitorHandlers>((h, c) => h.PauseAsync(c, pause: false)) },
        new(Group, "edit", "Change a monitor's thresholds, name, link, alerts or public listing", CommandAccess.Admin,
        [
            MonitorId(),
            .. Settings(isNew: false),
            new("public", CommandOptionType.Boolean, "Show it on the public stock page (default false)"),
        ]) { Handler = CommandDefinition.On<MonitorHandlers>((h, c) => h.EditAsync(c)) },
    ];

    /// <summary>What `add` sets (with its defaults) and `edit` changes, under the same names.</summary>
    private static CommandOption[] Settings(bool isNew) =>
    [
        new("low", CommandOptionType.Integer, isNew ? "Alert when stock falls below this" : "New low threshold", MinValue: 0),
        new("high", CommandOptionType.Integer, isNew ? "Alert when stock rises above this" : "New high threshold", MinValue: 0),
        new("name", CommandOptionType.String, isNew ? "Name to show (default: the WHMCS name)" : "New name", MaxLength: 255),
        new("purchase_link", CommandOptionType.String, isNew ? "Buy link (default: the WHMCS cart)" : "New buy link", MaxLength: 500),
        new("restock", CommandOptionType.Boolean, isNew ? "Alert on restocks (default true)" : "Alert on restocks"),
        new("purchase", CommandOptionType.Boolean, isNew ? "Alert on purchases (default true)" : "Alert on purchases"),
        new("threshold", CommandOptionType.Boolean, isNew ? "Alert on threshold crossings (default true)" : "Alert on threshold crossings"),
        new("cooldown", CommandOptionType.String, isNew ? "Alerts of one kind at most once per this, e.g. 30m (default 0: none)" : "New cooldown, e.g. 30m (0 ends it)", MaxLength: 20),
    ];

    internal static CommandOption MonitorId(bool required = true, string description = "Monitor id") =>
        new("monitor", CommandOptionType.Integer, description, required, MinValue: 1, Lookup: OptionLookup.Monitor);

    /// <summary>`monitor add` as the service takes it: alerts on unless an option turns them off.</summary>
    public static MonitorInput InputOf(CommandArguments a) =>
        new(a.RequiredInt("website"), a.RequiredInt("product"), a.String("name"), a.Int("low"), a.Int("high"), a.String("purchase_link"),
            a.Bool("restock") ?? true, a.Bool("purchase") ?? true, a.Bool("threshold") ?? true)
        { Cooldown = CooldownOf(a) };

    /// <summary>`monitor edit` as the service takes it; the CLI can also clear values, which chat cannot.</summary>
    public static MonitorUpdate UpdateOf(CommandArguments a, bool clearLow = false, bool clearHigh = false, bool clearLink = false) =>
        new(a.String("name"), a.Int("low"), a.Int("high"), a.String("purchase_link"), a.Bool("restock"), a.Bool("purchase"), a.Bool("threshold"), clearLow, clearHigh, clearLink)
        { Cooldown = CooldownOf(a), IsPublic = a.Bool("public") };

    private static TimeSpan? CooldownOf(CommandArguments a) => a.String("cooldown") is { } text ? Common.Durations.Parse("cooldown", text) : null;

    private async Task<CommandReply> AddAsync(CommandContext c)
    {
        var input = InputOf(c.Arguments);
        var note = await VerifyAsync(verifier, c.Arguments, input, c.CancellationToken);
        var monitor = await monitors.CreateAsync(input, c.CancellationToken);
        return CommandReply.Ok($"Monitor #{monitor.Id} added: product {monitor.ProductId} on {monitor.WebsiteName}", [Describe(monitor), note ?? "The next cycle records its first reading."]);
    }

    /// <summary>Asks the website about the pid unless told not to (verify false); what went unchecked, if anything.</summary>
    public static async Task<string?> VerifyAsync(ProductVerifier verifier, CommandArguments arguments, MonitorInput input, CancellationToken cancellationToken) =>
        arguments.Bool("verify") == false ? null : await verifier.VerifyAsync(input.WebsiteId, input.ProductId, cancellationToken);

    private async Task<CommandReply> ListAsync(CommandContext c)
    {
        var list = await monitors.ListAsync(c.Arguments.Int("website"), c.CancellationToken);
        return list.Count == 0
            ? CommandReply.Ok("No monitors yet.", ["Add one with /monitor add <website> <product>."])
            : CommandReply.Ok($"{list.Count} monitor(s)", list.Select(m =>
                $"#{m.Id} {NameOf(m)} @ {m.WebsiteName} (pid {m.ProductId}): {m.Status}{(m.IsPublic ? ", public" : string.Empty)}").ToList());
    }

    private async Task<CommandReply> RemoveAsync(CommandContext c)
    {
        var result = await monitors.RemoveAsync(c.Arguments.RequiredInt("monitor"), c.Arguments.Bool("force") ?? false, c.CancellationToken);
        return CommandReply.Ok($"Monitor #{result.Id} removed: {result.Name}", [$"With {result.StockRecordsRemoved} stock record(s) and {result.EventsRemoved} event(s)."]);
    }

    private async Task<CommandReply> PauseAsync(CommandContext c, bool pause)
    {
        var id = c.Arguments.RequiredInt("monitor");
        var monitor = pause ? await monitors.PauseAsync(id, c.CancellationToken) : await monitors.ResumeAsync(id, c.CancellationToken);
        return CommandReply.Ok($"Monitor #{monitor.Id} {(pause ? "paused" : "resumed")}: {NameOf(monitor)}");
    }

    private async Task<CommandReply> EditAsync(CommandContext c)
    {
        var update = UpdateOf(c.Arguments);
        if (update == new MonitorUpdate())
        {
            return CommandReply.Fail("Nothing to change: give at least one option.", c.Definition.Usage);
        }

        var monitor = await monitors.UpdateAsync(c.Arguments.RequiredInt("monitor"), update, c.CancellationToken);
        return CommandReply.Ok($"Monitor #{monitor.Id} updated", [Describe(monitor)]);
    }

    private static string NameOf(MonitorView m) => m.ProductName ?? $"product {m.ProductId}";

    private static string Describe(MonitorView m) =>
        $"{NameOf(m)} @ {m.WebsiteName}: low {m.ThresholdLow?.ToString(CultureInfo.InvariantCulture) ?? "-"}, high {m.ThresholdHigh?.ToString(CultureInfo.InvariantCulture) ?? "-"}; "
        + $"alerts: {string.Join(", ", new[] { m.NotifyOnRestock ? "restock" : null, m.NotifyOnPurchase ? "purchase" : null, m.NotifyOnThreshold ? "threshold" : null }.Where(x => x is not null).DefaultIfEmpty("none"))}{(m.CooldownSeconds > 0 ? $" (at most one per kind every {Common.Durations.Format(TimeSpan.FromSeconds(m.CooldownSeconds))})" : string.Empty)}; buy: {m.BuyLink}{(m.IsPublic ? "; on the public page" : string.Empty)}";
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.History;
using StockBot.Core.Monitors;
using StockBot.Core.Status;
using StockBot.Core.Subscriptions;
using StockBot.Core.Websites;

namespace StockBot.Core.Commands;

/// <summary>
/// Every chat command once: options, who may run it, and its handler on the services. Telegram and
/// Discord both read this, so a new option appears on both.
/// </summary>
public sealed class CommandCatalog
{
    private static readonly Dictionary<string, string> GroupDescriptions = new(StringComparer.Ordinal)
    {
        ["website"] = "Manage the WHMCS websites StockBot reads",
        ["monitor"] = "Manage product monitors",
        ["subscribe"] = "Send alerts to this chat (or a channel)",
        ["unsubscribe"] = "Stop alerts to this chat (or a channel)",
        ["subscriptions"] = "List the alerts this chat gets",
        ["status"] = "Stock now: all monitors, or one",
        ["history"] = "Stock history of a monitor, with a chart",
        ["help"] = "What StockBot can do",
    };

    public CommandCatalog()
    {
        Commands = Build();
        Groups = Commands.Select(c => c.Group).Distinct().ToList();
        Hash = ComputeHash(Commands);
    }

    public IReadOnlyList<CommandDefinition> Commands { get; }

    public IReadOnlyList<string> Groups { get; }

    /// <summary>Changes whenever a command, option or description changes (Discord re-registers then).</summary>
    public string Hash { get; }

    public string GroupDescription(string group) => GroupDescriptions.TryGetValue(group, out var text) ? text : group;

    public CommandDefinition? Find(string group, string? name) =>
        Commands.FirstOrDefault(c => c.Group.Equals(group, StringComparison.OrdinalIgnoreCase)
            && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string ComputeHash(IEnumerable<CommandDefinition> commands)
    {
        var text = new StringBuilder();
        foreach (var c in commands)
        {
            text.Append(c.FullName).Append('|').Append(c.Description).Append('|').Append(c.Access).Append('\n');
            foreach (var o in c.Options)
            {
                text.Append(' ').Append(o).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static CommandOption WebsiteId(bool required = true, string description = "Website id") =>
        new("website", CommandOptionType.Integer, description, required, MinValue: 1, Lookup: OptionLookup.Website);

    private static CommandOption MonitorId(bool required = true, string description = "Monitor id") =>
        new("monitor", CommandOptionType.Integer, description, required, MinValue: 1, Lookup: OptionLookup.Monitor);

    private static List<CommandDefinition> Build() =>
    [
        new("website", "add", "Add a WHMCS website (the API secret is stored encrypted)", CommandAccess.Admin,
        [
            new("name", CommandOptionType.String, "Website name, unique", Required: true, MaxLength: 255),
            new("url", CommandOptionType.String, "WHMCS base URL, http(s)", Required: true, MaxLength: 500),
            new("api_identifier", CommandOptionType.String, "WHMCS API identifier", Required: true, MaxLength: 255),
            new("api_secret", CommandOptionType.String, "WHMCS API secret", Required: true, MaxLength: WebsiteService.MaxSecretLength, IsSecret: true),
            new("region", CommandOptionType.String, "Region, e.g. US-East", MaxLength: 100),
        ]) { Handler = WebsiteAddAsync },
        new("website", "list", "List websites", CommandAccess.Admin, []) { Handler = WebsiteListAsync },
        new("website", "remove", "Remove a website (force: with its monitors and history)", CommandAccess.Admin,
            [WebsiteId(), new("force", CommandOptionType.Boolean, "Also remove its monitors and history")]) { Handler = WebsiteRemoveAsync },
        new("website", "enable", "Read this website again", CommandAccess.Admin, [WebsiteId()]) { Handler = c => WebsiteToggleAsync(c, true) },
        new("website", "disable", "Stop reading this website (monitors are kept)", CommandAccess.Admin, [WebsiteId()]) { Handler = c => WebsiteToggleAsync(c, false) },
        new("website", "test", "Read the website now and say what is wrong, if anything", CommandAccess.Admin, [WebsiteId()]) { Handler = WebsiteTestAsync },
        new("website", "products", "List the website's products with their ids and stock", CommandAccess.Admin, [WebsiteId()]) { Handler = WebsiteProductsAsync },

        new("monitor", "add", "Monitor a product of a website", CommandAccess.Admin,
        [
            WebsiteId(),
            new("product", CommandOptionType.Integer, "WHMCS product id (pid)", Required: true, MinValue: 1),
            new("low", CommandOptionType.Integer, "Alert when stock falls below this", MinValue: 0),
            new("high", CommandOptionType.Integer, "Alert when stock rises above this", MinValue: 0),
            new("name", CommandOptionType.String, "Name to show (default: the WHMCS name)", MaxLength: 255),
            new("purchase_link", CommandOptionType.String, "Buy link (default: the WHMCS cart)", MaxLength: 500),
            new("restock", CommandOptionType.Boolean, "Alert on restocks (default true)"),
            new("purchase", CommandOptionType.Boolean, "Alert on purchases (default true)"),
            new("threshold", CommandOptionType.Boolean, "Alert on threshold crossings (default true)"),
        ]) { Handler = MonitorAddAsync },
        new("monitor", "list", "List monitors", CommandAccess.Admin, [WebsiteId(false, "Only this website's monitors")]) { Handler = MonitorListAsync },
        new("monitor", "remove", "Remove a monitor (force: with its history)", CommandAccess.Admin,
            [MonitorId(), new("force", CommandOptionType.Boolean, "Also remove its history")]) { Handler = MonitorRemoveAsync },
        new("monitor", "pause", "Stop checking a monitor", CommandAccess.Admin, [MonitorId()]) { Handler = c => MonitorPauseAsync(c, pause: true) },
        new("monitor", "resume", "Check a monitor again", CommandAccess.Admin, [MonitorId()]) { Handler = c => MonitorPauseAsync(c, pause: false) },
        new("monitor", "edit", "Change a monitor's thresholds, name, link or alerts", CommandAccess.Admin,
        [
            MonitorId(),
            new("low", CommandOptionType.Integer, "New low threshold", MinValue: 0),
            new("high", CommandOptionType.Integer, "New high threshold", MinValue: 0),
            new("name", CommandOptionType.String, "New name", MaxLength: 255),
            new("purchase_link", CommandOptionType.String, "New buy link", MaxLength: 500),
            new("restock", CommandOptionType.Boolean, "Alert on restocks"),
            new("purchase", CommandOptionType.Boolean, "Alert on purchases"),
            new("threshold", CommandOptionType.Boolean, "Alert on threshold crossings"),
        ]) { Handler = MonitorEditAsync },

        new("subscribe", null, "Send alerts to this chat (or a channel)", CommandAccess.ChatAdmin,
        [
            WebsiteId(false, "Only this website's alerts"),
            MonitorId(false, "Only this monitor's alerts"),
            new("events", CommandOptionType.String, "restock,purchase,threshold,error (default: all)", MaxLength: 100),
            new("mention", CommandOptionType.Role, "Who to mention in alerts", MaxLength: 100),
            new("chat", CommandOptionType.Channel, "Another channel to subscribe (default: this chat)", MaxLength: 100),
        ]) { Handler = SubscribeAsync },
        new("unsubscribe", null, "Stop alerts to this chat (or a channel)", CommandAccess.ChatAdmin,
        [
            WebsiteId(false, "The website subscription to stop"),
            MonitorId(false, "The monitor subscription to stop"),
            new("chat", CommandOptionType.Channel, "Another channel (default: this chat)", MaxLength: 100),
        ]) { Handler = UnsubscribeAsync },
        new("subscriptions", null, "List the alerts this chat gets", CommandAccess.Everyone, []) { Handler = SubscriptionsAsync },
        new("status", null, "Stock now: all monitors, or one", CommandAccess.Everyone, [MonitorId(false, "One monitor (default: all)")]) { Handler = StatusAsync },
        new("history", null, "Stock history of a monitor, with a chart", CommandAccess.Everyone,
            [MonitorId(), new("limit", CommandOptionType.Integer, "How many changes to list (default 10)", MinValue: 1, MaxValue: 50)]) { Handler = HistoryAsync },
        new("help", null, "What StockBot can do", CommandAccess.Everyone, []) { Handler = HelpAsync },
    ];

    private static async Task<CommandReply> WebsiteAddAsync(CommandContext c)
    {
        var site = await c.Services.GetRequiredService<WebsiteService>().CreateAsync(
            new WebsiteInput(c.RequiredString("name"), c.RequiredString("url"), c.RequiredString("api_identifier"), c.RequiredString("api_secret"), c.String("region")),
            c.CancellationToken);
        return CommandReply.Ok($"Website #{site.Id} added: {site.Name}",
        [
            $"{site.WebsiteUrl}{(site.Region is null ? string.Empty : $" ({site.Region})")}",
            $"API secret stored encrypted: {site.ApiSecret}",
            $"Next: /website test {site.Id}, then /website products {site.Id} to find product ids for /monitor add {site.Id} <product>.",
        ]);
    }

    private static async Task<CommandReply> WebsiteListAsync(CommandContext c)
    {
        var sites = await c.Services.GetRequiredService<WebsiteService>().ListAsync(c.CancellationToken);
        return sites.Count == 0
            ? CommandReply.Ok("No websites yet.", ["Add one with /website add (in a private chat: it carries the API secret)."])
            : CommandReply.Ok($"{sites.Count} website(s)", sites.Select(s =>
                $"#{s.Id} {s.Name}: {s.WebsiteUrl}{(s.Region is null ? string.Empty : $" ({s.Region})")}, {s.MonitorCount} monitor(s){(s.IsActive ? string.Empty : ", disabled")}").ToList());
    }

    private static async Task<CommandReply> WebsiteRemoveAsync(CommandContext c)
    {
        var result = await c.Services.GetRequiredService<WebsiteService>().RemoveAsync(c.RequiredInt("website"), c.Bool("force") ?? false, c.CancellationToken);
        return CommandReply.Ok($"Website #{result.Id} removed: {result.Name}",
            [$"With {result.MonitorsRemoved} monitor(s), {result.StockRecordsRemoved} stock record(s) and {result.EventsRemoved} event(s)."]);
    }

    private static async Task<CommandReply> WebsiteToggleAsync(CommandContext c, bool active)
    {
        var site = await c.Services.GetRequiredService<WebsiteService>().SetActiveAsync(c.RequiredInt("website"), active, c.CancellationToken);
        return CommandReply.Ok($"Website #{site.Id} {(active ? "enabled" : "disabled")}: {site.Name}",
            [active ? "Its monitors are read again from the next cycle." : "Its monitors are kept but not read until /website enable."]);
    }

    private static async Task<CommandReply> WebsiteTestAsync(CommandContext c)
    {
        var probe = await c.Services.GetRequiredService<WebsiteProbe>().ProbeAsync(c.RequiredInt("website"), c.CancellationToken);
        return probe.Success
            ? CommandReply.Ok($"{probe.Website} works", [probe.Message])
            : CommandReply.Fail($"{probe.Website} cannot be read", null) with { Lines = [probe.Message] };
    }

    private static async Task<CommandReply> WebsiteProductsAsync(CommandContext c)
    {
        var probe = await c.Services.GetRequiredService<WebsiteProbe>().ProbeAsync(c.RequiredInt("website"), c.CancellationToken);
        if (probe.Products.Count == 0 && probe.FailureKind is not null)
        {
            return CommandReply.Fail($"{probe.Website} cannot be read") with { Lines = [probe.Message] };
        }

        return CommandReply.Ok($"{probe.Products.Count} product(s) on {probe.Website}", probe.Products.Select(p =>
            $"pid {p.Pid}: {p.Name}: {(!p.StockControl ? "no stock limit" : p.Quantity == 0 ? "out of stock" : $"{p.Quantity} in stock")}{(p.MonitorId is { } id ? $" (monitor #{id})" : string.Empty)}").ToList());
    }

    private static async Task<CommandReply> MonitorAddAsync(CommandContext c)
    {
        var monitor = await c.Services.GetRequiredService<MonitorService>().CreateAsync(
            new MonitorInput(c.RequiredInt("website"), c.RequiredInt("product"), c.String("name"), c.Int("low"), c.Int("high"), c.String("purchase_link"),
                c.Bool("restock") ?? true, c.Bool("purchase") ?? true, c.Bool("threshold") ?? true),
            c.CancellationToken);
        return CommandReply.Ok($"Monitor #{monitor.Id} added: product {monitor.ProductId} on {monitor.WebsiteName}", [Describe(monitor), "The next cycle records its first reading."]);
    }

    private static async Task<CommandReply> MonitorListAsync(CommandContext c)
    {
        var monitors = await c.Services.GetRequiredService<MonitorService>().ListAsync(c.Int("website"), c.CancellationToken);
        return monitors.Count == 0
            ? CommandReply.Ok("No monitors yet.", ["Add one with /monitor add <website> <product>."])
            : CommandReply.Ok($"{monitors.Count} monitor(s)", monitors.Select(m =>
                $"#{m.Id} {m.ProductName ?? $"product {m.ProductId}"} @ {m.WebsiteName} (pid {m.ProductId}): {m.Status}").ToList());
    }

    private static async Task<CommandReply> MonitorRemoveAsync(CommandContext c)
    {
        var result = await c.Services.GetRequiredService<MonitorService>().RemoveAsync(c.RequiredInt("monitor"), c.Bool("force") ?? false, c.CancellationToken);
        return CommandReply.Ok($"Monitor #{result.Id} removed: {result.Name}", [$"With {result.StockRecordsRemoved} stock record(s) and {result.EventsRemoved} event(s)."]);
    }

    private static async Task<CommandReply> MonitorPauseAsync(CommandContext c, bool pause)
    {
        var service = c.Services.GetRequiredService<MonitorService>();
        var monitor = pause
            ? await service.PauseAsync(c.RequiredInt("monitor"), c.CancellationToken)
            : await service.ResumeAsync(c.RequiredInt("monitor"), c.CancellationToken);
        return CommandReply.Ok($"Monitor #{monitor.Id} {(pause ? "paused" : "resumed")}: {monitor.ProductName ?? $"product {monitor.ProductId}"}");
    }

    private static async Task<CommandReply> MonitorEditAsync(CommandContext c)
    {
        var update = new MonitorUpdate(c.String("name"), c.Int("low"), c.Int("high"), c.String("purchase_link"), c.Bool("restock"), c.Bool("purchase"), c.Bool("threshold"));
        if (update == new MonitorUpdate())
        {
            return CommandReply.Fail("Nothing to change: give at least one option.", c.Command.Usage);
        }

        var monitor = await c.Services.GetRequiredService<MonitorService>().UpdateAsync(c.RequiredInt("monitor"), update, c.CancellationToken);
        return CommandReply.Ok($"Monitor #{monitor.Id} updated", [Describe(monitor)]);
    }

    private static async Task<CommandReply> SubscribeAsync(CommandContext c)
    {
        var channel = c.String("chat") ?? c.Caller.ChannelId;
        var subscription = await c.Services.GetRequiredService<SubscriptionService>().AddAsync(
            new SubscriptionInput(c.Caller.Platform, channel, c.Int("website"), c.Int("monitor"), c.String("events"), c.String("mention"), c.Caller.UserId),
            c.CancellationToken);
        return CommandReply.Ok($"Subscribed to {subscription.Scope}",
            [$"Alerts: {subscription.EventKinds.Replace(",", ", ", StringComparison.Ordinal)}", channel == c.Caller.ChannelId ? "They will be posted in this chat." : $"They will be posted in {channel}."]);
    }

    private static async Task<CommandReply> UnsubscribeAsync(CommandContext c)
    {
        var service = c.Services.GetRequiredService<SubscriptionService>();
        var channel = c.String("chat") ?? c.Caller.ChannelId;
        var mine = await service.ListAsync(c.Caller.Platform, channel, c.CancellationToken);
        var match = mine.FirstOrDefault(s => s.WebsiteId == c.Int("website") && s.MonitorConfigId == c.Int("monitor"));
        if (match is null)
        {
            return CommandReply.Fail(mine.Count == 0 ? "This chat has no subscriptions." : "This chat has no subscription of that scope.", c.Command.Usage)
                with { Lines = mine.Select(s => $"#{s.Id}: {s.Scope}").Append($"Usage: {c.Command.Usage}").ToList() };
        }

        await service.RemoveAsync(match.Id, c.CancellationToken);
        return CommandReply.Ok($"Unsubscribed from {match.Scope}");
    }

    private static async Task<CommandReply> SubscriptionsAsync(CommandContext c)
    {
        var mine = await c.Services.GetRequiredService<SubscriptionService>().ListAsync(c.Caller.Platform, c.Caller.ChannelId, c.CancellationToken);
        return mine.Count == 0
            ? CommandReply.Ok("This chat gets no alerts.", ["A chat admin can start them with /subscribe."])
            : CommandReply.Ok($"This chat gets {mine.Count} kind(s) of alert", mine.Select(s =>
                $"#{s.Id} {s.Scope}: {s.EventKinds.Replace(",", ", ", StringComparison.Ordinal)}{(s.IsActive ? string.Empty : " (stopped: the bot could not post here)")}").ToList());
    }

    private static async Task<CommandReply> StatusAsync(CommandContext c)
    {
        var status = c.Services.GetRequiredService<StatusService>();
        if (c.Int("monitor") is { } id)
        {
            var s = await status.GetStatusSummaryAsync(id, c.CancellationToken);
            var lines = new List<string> { StatusText.Stock(s, c.NowUtc), $"Checked {StatusText.Ago(s.LastCheckedAt, c.NowUtc)}" };
            if (s.Region is not null)
            {
                lines.Add($"Region: {s.Region}");
            }

            if (s.ThresholdLow is not null || s.ThresholdHigh is not null)
            {
                lines.Add($"Thresholds: low {s.ThresholdLow?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, high {s.ThresholdHigh?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
            }

            if (s.Status != Data.Entities.DbValues.ToDb(Data.Entities.MonitorStatus.Active))
            {
                lines.Add($"Status: {s.Status}{(s.LastError is null ? string.Empty : $": {s.LastError}")}");
            }

            return CommandReply.Ok($"#{s.MonitorId} {s.Product} @ {s.Website}", lines, [new ReplyButton("Buy", s.BuyLink)]);
        }

        var all = await status.GetAllStatusAsync(c.CancellationToken);
        return all.Count == 0
            ? CommandReply.Ok("Nothing is monitored yet.")
            : CommandReply.Ok("Stock now", all.Select(s =>
                $"#{s.MonitorId} {s.Product} @ {s.Website}: {StatusText.Stock(s, c.NowUtc)}{(s.Status == Data.Entities.DbValues.ToDb(Data.Entities.MonitorStatus.Active) ? string.Empty : $" [{s.Status}]")}").ToList());
    }

    private static async Task<CommandReply> HistoryAsync(CommandContext c)
    {
        var id = c.RequiredInt("monitor");
        var limit = c.Int("limit") ?? 10;
        var records = await c.Services.GetRequiredService<StatusService>().GetStockHistoryAsync(id, limit, c.CancellationToken);
        var chart = await c.Services.GetRequiredService<HistoryChartService>().RenderAsync(id, 500, c.CancellationToken);
        var lines = records.Select(r =>
            $"{r.CreatedAt:MMM d HH:mm} UTC: {r.Quantity}{(r.Delta == 0 ? string.Empty : $" ({(r.Delta > 0 ? "+" : string.Empty)}{r.Delta})")} {r.ChangeType}").ToList();
        return new CommandReply(
            ReplyStatus.Ok,
            chart.Title,
            lines.Count == 0 ? ["No readings yet: the next cycle records the first one."] : lines,
            [],
            chart.Png,
            $"{chart.Title}: {chart.Points} reading(s), {chart.Events} event(s)");
    }

    private static Task<CommandReply> HelpAsync(CommandContext c)
    {
        var allowed = c.Services.GetRequiredService<CommandCatalog>().Commands
            .Where(d => d.Access == CommandAccess.Everyone || c.Caller.IsAdmin || (d.Access == CommandAccess.ChatAdmin && c.Caller.IsChatAdmin))
            .Select(d => $"{d.Usage}: {d.Description}")
            .ToList();
        return Task.FromResult(CommandReply.Ok("StockBot watches WHMCS stock and posts restock, purchase and threshold alerts.", allowed));
    }

    private static string Describe(MonitorView m) =>
        $"{m.ProductName ?? $"product {m.ProductId}"} @ {m.WebsiteName}: low {m.ThresholdLow?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, high {m.ThresholdHigh?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}; "
        + $"alerts: {string.Join(", ", new[] { m.NotifyOnRestock ? "restock" : null, m.NotifyOnPurchase ? "purchase" : null, m.NotifyOnThreshold ? "threshold" : null }.Where(x => x is not null).DefaultIfEmpty("none"))}; buy: {m.BuyLink}";
}

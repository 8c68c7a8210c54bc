using StockBot.Core;
using StockBot.Core.Alerts;
using StockBot.Core.Commands;
using StockBot.Core.Subscriptions;

namespace StockBot.Host.Cli;

/// <summary>`stockbot subscription ...`: add is the catalog's /subscribe for any chat, test its /subscription test; list and remove (by id) are the CLI's own.</summary>
internal static class SubscriptionCommands
{
    public static Command Build(CommandRunner runner, CommandCatalog catalog)
    {
        var subscription = new Command("subscription", "Choose which chat channels get which alerts");

        var platform = Args.Opt<string>("--platform", "discord, telegram or console", required: true);
        // --channel, or --webhook for a Discord channel webhook (the service asks for one of them).
        var add = new CatalogVerb(catalog.Get(SubscriptionHandlers.Subscribe, null), name: "add", description: "Subscribe a channel (or a Discord webhook)")
            .Alias("chat", "--channel")
            .With(platform);
        var chat = (Option<string>)add.SymbolOf("chat");
        subscription.Subcommands.Add(add.Runs(runner, async (c, a) =>
        {
            var stored = Validate.Platform("platform", c.Value(platform));
            var created = await c.Get<SubscriptionService>().AddAsync(SubscriptionHandlers.InputOf(stored, c.Value(chat) ?? string.Empty, a, "cli"), c.CancellationToken);
            c.Output.Result(created, $"Subscribed {created.Platform} {Target(created)} to {created.Scope} ({created.EventKinds}) as subscription {created.Id}. {SubscriptionHandlers.Timing(created)}");
            var viaWebhook = created.Webhook is not null;
            if (c.Get<AlertSenders>().For(stored, viaWebhook) is null)
            {
                // Only a warning: the bot may well run elsewhere (another container) with the token this shell lacks.
                await c.Environment.Error.WriteLineAsync($"warning: {AlertSenders.NotConfigured(stored, viaWebhook)} Its alerts wait in the outbox until a StockBot with that token runs.");
            }
        }));

        subscription.Subcommands.Add(new CatalogVerb(catalog.Get(SubscriptionHandlers.Group, SubscriptionHandlers.Test), positional: "subscription", description: "Post a test message to a subscription's channel now and show what the platform answered")
            .Runs(runner, async (c, a) =>
            {
                var test = await c.Get<SubscriptionTester>().TestAsync(a.RequiredInt("subscription"), c.CancellationToken);
                c.Output.Result(test, test.Summary);
                return test.Delivered ? ExitCodes.Success : ExitCodes.Failure;
            }));

        subscription.Subcommands.Add(new CatalogVerb(catalog.Get(SubscriptionHandlers.Group, SubscriptionHandlers.Update), positional: "subscription", description: "Change a subscription's digest size, quiet hours or alert text (--quiet off, --template off end them)")
            .Runs(runner, async (c, a) =>
            {
                var updated = await c.Get<SubscriptionService>().UpdateAsync(a.RequiredInt("subscription"), SubscriptionHandlers.UpdateOf(a), c.CancellationToken);
                c.Output.Result(updated, $"Updated subscription {updated.Id} ({updated.Scope}). {SubscriptionHandlers.Timing(updated)} {SubscriptionHandlers.TemplateText(updated)}");
            }));

        var list = Args.Command("list", "List subscriptions");
        list.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var rows = await c.Get<SubscriptionService>().ListAsync(null, null, c.CancellationToken);
            c.Output.Rows(
                rows,
                ["ID", "PLATFORM", "CHANNEL", "SCOPE", "EVENTS", "MENTION", "DIGEST", "QUIET", "ACTIVE"],
                s => [s.Id.ToString(CultureInfo.InvariantCulture), s.Platform, s.Webhook ?? s.ChannelId, s.Scope, s.EventKinds, s.Mention ?? "-",
                    $">{s.DigestAfter.ToString(CultureInfo.InvariantCulture)}", s.QuietHours is null ? "-" : SubscriptionHandlers.QuietText(s), s.IsActive ? "yes" : "no (channel gone)"],
                "No subscriptions yet. Add one: stockbot subscription add --platform telegram --channel CHAT_ID");
        }, ct));
        subscription.Subcommands.Add(list);

        var removeId = Args.Id("id", "Subscription id");
        var remove = Args.Command("remove", "Remove a subscription", removeId);
        remove.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var removed = await c.Get<SubscriptionService>().RemoveAsync(parse.GetValue(removeId), c.CancellationToken);
            c.Output.Result(removed, $"Removed subscription {removed.Id} ({removed.Platform} {removed.ChannelId}, {removed.Scope}).");
        }, ct));
        subscription.Subcommands.Add(remove);
        return subscription;
    }

    /// <summary>"channel 42", or "webhook https://discord.com/api/webhooks/1234/****": a webhook's token is never printed.</summary>
    private static string Target(SubscriptionView s) => s.Webhook is { } masked ? $"webhook {masked}" : $"channel {s.ChannelId}";
}

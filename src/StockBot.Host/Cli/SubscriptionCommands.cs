using System.CommandLine;
using StockBot.Core.Subscriptions;

namespace StockBot.Host.Cli;

internal static class SubscriptionCommands
{
    public static Command Build(CommandRunner runner)
    {
        var subscription = new Command("subscription", "Choose which chat channels get which alerts");

        var platform = Args.Opt<string>("--platform", "discord, telegram or console", required: true);
        var channel = Args.Opt<string>("--channel", "Channel or chat id", required: true);
        var website = Args.Opt<int?>("--website", "Only this website's alerts");
        var monitor = Args.Opt<int?>("--monitor", "Only this monitor's alerts");
        var events = Args.Opt<string>("--events", $"Comma list of {string.Join(",", EventKinds.All)} (default: all)");
        var mention = Args.Opt<string>("--mention", "Discord role id or Telegram text (e.g. @oncall) put in front of alerts");
        var add = Args.Command("add", "Subscribe a channel", platform, channel, website, monitor, events, mention);
        add.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var created = await c.Get<SubscriptionService>().AddAsync(
                new SubscriptionInput(parse.GetValue(platform)!, parse.GetValue(channel)!, parse.GetValue(website), parse.GetValue(monitor), parse.GetValue(events), parse.GetValue(mention), "cli"),
                c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(created);
                return;
            }

            c.Output.Line($"Subscribed {created.Platform} channel {created.ChannelId} to {created.Scope} ({created.EventKinds}) as subscription {created.Id}.");
        }, ct));
        subscription.Subcommands.Add(add);

        var list = Args.Command("list", "List subscriptions");
        list.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var rows = await c.Get<SubscriptionService>().ListAsync(null, null, c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(rows);
                return;
            }

            c.Output.Table(
                ["ID", "PLATFORM", "CHANNEL", "SCOPE", "EVENTS", "MENTION", "ACTIVE"],
                rows.Select(s => (IReadOnlyList<string>)[s.Id.ToString(), s.Platform, s.ChannelId, s.Scope, s.EventKinds, s.Mention ?? "-", s.IsActive ? "yes" : "no (channel gone)"]),
                "No subscriptions yet. Add one: stockbot subscription add --platform telegram --channel CHAT_ID");
        }, ct));
        subscription.Subcommands.Add(list);

        var removeId = Args.Id("id", "Subscription id");
        var remove = Args.Command("remove", "Remove a subscription", removeId);
        remove.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var removed = await c.Get<SubscriptionService>().RemoveAsync(parse.GetValue(removeId), c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(removed);
                return;
            }

            c.Output.Line($"Removed subscription {removed.Id} ({removed.Platform} {removed.ChannelId}, {removed.Scope}).");
        }, ct));
        subscription.Subcommands.Add(remove);
        return subscription;
    }
}

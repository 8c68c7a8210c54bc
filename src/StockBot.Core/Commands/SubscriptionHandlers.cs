using StockBot.Core.Alerts;
using StockBot.Core.Subscriptions;

namespace StockBot.Core.Commands;

/// <summary>`/subscribe`, `/unsubscribe`, `/subscriptions`, `/subscription test`: the definitions every front end reads, and the chat replies.</summary>
public sealed class SubscriptionHandlers(SubscriptionService subscriptions, SubscriptionTester tester)
{
    public const string Subscribe = "subscribe";

    /// <summary>The group of `/subscription test` (the CLI's `subscription` command).</summary>
    public const string Group = "subscription";

    public const string Test = "test";

    /// <summary>A Discord channel webhook as the target: a secret, so the command line takes it and chat refuses it.</summary>
    public const string Webhook = "webhook";

    internal static readonly IReadOnlyList<CommandDefinition> Definitions =
    [
        new(Subscribe, null, "Send alerts to this chat (or a channel)", CommandAccess.ChatAdmin,
        [
            WebsiteHandlers.WebsiteId(false, "Only this website's alerts"),
            MonitorHandlers.MonitorId(false, "Only this monitor's alerts"),
            EventsOption(),
            new("mention", CommandOptionType.Role, "Who to mention in alerts: a Discord role, or text such as @oncall", MaxLength: 100),
            new("chat", CommandOptionType.Channel, "The channel or chat to subscribe (in chat, default: this one)", MaxLength: 100),
            TemplateOption(isNew: true),
            .. TimingOptions(isNew: true),
            new(Webhook, CommandOptionType.String, "A Discord channel webhook URL to post through instead of the bot (no bot token needed)",
                MaxLength: SubscriptionService.MaxWebhookUrlLength, CliOnly: true),
        ]) { Handler = CommandDefinition.On<SubscriptionHandlers>((h, c) => h.SubscribeAsync(c)) },
        new("unsubscribe", null, "Stop alerts to this chat (or a channel)", CommandAccess.ChatAdmin,
        [
            WebsiteHandlers.WebsiteId(false, "The website subscription to stop"),
            MonitorHandlers.MonitorId(false, "The monitor subscription to stop"),
            new("chat", CommandOptionType.Channel, "Another channel (default: this chat)", MaxLength: 100),
        ]) { Handler = CommandDefinition.On<SubscriptionHandlers>((h, c) => h.UnsubscribeAsync(c)) },
        new("subscriptions", null, "List the alerts this chat gets", CommandAccess.Everyone, []) { Handler = CommandDefinition.On<SubscriptionHandlers>((h, c) => h.ListAsync(c)) },
        new(Group, Test, "Post a test message to a subscription's channel now", CommandAccess.ChatAdmin,
        [
            new("subscription", CommandOptionType.Integer, "The subscription to test (see /subscriptions)", Required: true, MinValue: 1),
        ]) { Handler = CommandDefinition.On<SubscriptionHandlers>((h, c) => h.TestAsync(c)) },
        new(Group, Update, "Change a subscription's digest size, quiet hours or alert text", CommandAccess.ChatAdmin,
        [
            new("subscription", CommandOptionType.Integer, "The subscription to change (see /subscriptions)", Required: true, MinValue: 1),
            .. TimingOptions(isNew: false),
            TemplateOption(isNew: false),
        ]) { Handler = CommandDefinition.On<SubscriptionHandlers>((h, c) => h.UpdateAsync(c)) },
    ];

    public const string Update = "update";

    /// <summary>The alert text `/subscribe` sets and `/subscription update` changes (`off`: back to the built-in text).</summary>
    private static CommandOption TemplateOption(bool isNew) =>
        new(SubscriptionTiming.TemplateFlag, CommandOptionType.String,
            isNew ? "Your own alert text (Liquid), e.g. {{ product }}: {{ quantity }} left {{ buy_link }}" : "New alert text (Liquid), or off for the built-in text",
            MaxLength: AlertTemplate.MaxLength);

    /// <summary>The event kinds `/subscribe` and `/follow` take.</summary>
    internal static CommandOption EventsOption() =>
        new("events", CommandOptionType.String, "restock,soldout,purchase,threshold,error,new (default: restock,soldout,threshold,new)", MaxLength: 100,
            Lookup: OptionLookup.EventKinds);

    /// <summary>The alert timing `/subscribe` (and `/follow`) sets and `/subscription update` changes, under the same names.</summary>
    internal static CommandOption[] TimingOptions(bool isNew) =>
    [
        new(SubscriptionTiming.DigestAfterFlag, CommandOptionType.Integer,
            isNew ? "More alerts than this at once go as one digest message (default 5)" : "New digest size: more alerts than this at once go as one message",
            MinValue: 1, MaxValue: SubscriptionTiming.MaxDigestAfter),
        new(QuietHours.QuietFlag, CommandOptionType.String,
            isNew ? "Quiet hours HH:MM-HH:MM: alerts are held, then sent as one digest" : "New quiet hours HH:MM-HH:MM, or off",
            MaxLength: 11),
        new(QuietHours.TimeZoneFlag, CommandOptionType.String, "IANA time zone of the quiet hours, e.g. Europe/Berlin (default UTC)", MaxLength: 64, Lookup: OptionLookup.TimeZone),
    ];

    /// <summary>`/subscription update` as the service takes it.</summary>
    public static SubscriptionUpdate UpdateOf(CommandArguments a) =>
        new(a.Int(SubscriptionTiming.DigestAfterFlag), a.String(QuietHours.QuietFlag), a.String(QuietHours.TimeZoneFlag), a.String(SubscriptionTiming.TemplateFlag));

    /// <summary>`/subscribe` (or `subscription add`) as the service takes it.</summary>
    public static SubscriptionInput InputOf(Platform platform, string channel, CommandArguments a, string createdBy) =>
        new(platform, channel, a.Int("website"), a.Int("monitor"), a.String("events"), a.String("mention"), createdBy, a.String(Webhook))
        {
            Template = a.String(SubscriptionTiming.TemplateFlag),
            DigestAfter = a.Int(SubscriptionTiming.DigestAfterFlag),
            QuietHours = a.String(QuietHours.QuietFlag),
            TimeZone = a.String(QuietHours.TimeZoneFlag),
        };

    private async Task<CommandReply> SubscribeAsync(CommandContext c)
    {
        if (c.Arguments.String(Webhook) is not null)
        {
            // Everyone in the chat has just seen the URL, and the URL alone is enough to post as the webhook.
            return CommandReply.Refuse(
                "A webhook URL is a secret: add webhook targets from the command line, not in a chat.",
                "stockbot subscription add --platform discord --webhook URL. Nothing was saved; if others saw the URL, delete that webhook in Discord (channel settings > Integrations > Webhooks) and make a new one.");
        }

        var channel = c.Arguments.String("chat") ?? c.Caller.ChannelId;
        // Subscribed from inside a thread (a forum topic) of this chat: the alerts go to that thread.
        var thread = channel == c.Caller.ChannelId ? c.Caller.Thread : null;
        var input = InputOf(c.Caller.Platform, channel, c.Arguments, c.Caller.UserId) with { ThreadId = thread };
        var subscription = await subscriptions.AddAsync(input, c.CancellationToken);
        var where = channel != c.Caller.ChannelId ? $"They will be posted in {channel}." : thread is null ? "They will be posted in this chat." : "They will be posted in this topic.";
        // A missing permission shows now, not at the first restock.
        var test = await tester.TestAsync(subscription.Id, c.CancellationToken);
        return CommandReply.Ok($"Subscribed to {subscription.Scope}", [$"Alerts: {Spaced(subscription.EventKinds)}", where, Timing(subscription), TestLine(test, subscription.Id)]);
    }

    private async Task<CommandReply> UpdateAsync(CommandContext c)
    {
        var id = c.Arguments.RequiredInt("subscription");
        if (!await IsMineAsync(c, id))
        {
            return NotMine(id);
        }

        var updated = await subscriptions.UpdateAsync(id, UpdateOf(c.Arguments), c.CancellationToken);
        return CommandReply.Ok($"Subscription #{updated.Id} updated: {updated.Scope}", [Timing(updated), TemplateText(updated)]);
    }

    /// <summary>"Digest: more than 5 at once. Quiet hours: 22:00-07:00 Europe/Berlin." (what `/subscriptions` and `status` show too).</summary>
    public static string Timing(SubscriptionView s) =>
        $"Digest: more than {s.DigestAfter.ToString(CultureInfo.InvariantCulture)} at once. Quiet hours: {QuietText(s)}.";

    /// <summary>"Alert text: your own template." or "Alert text: built-in." (what `subscription update` answers).</summary>
    public static string TemplateText(SubscriptionView s) => s.Template is null ? "Alert text: built-in." : "Alert text: your own template.";

    /// <summary>"22:00-07:00 Europe/Berlin", or "none".</summary>
    public static string QuietText(SubscriptionView s) => s.QuietHours is null ? "none" : $"{s.QuietHours} {s.TimeZone ?? "UTC"}";

    private async Task<bool> IsMineAsync(CommandContext c, int id) =>
        c.Caller.IsAdmin || (await subscriptions.ListAsync(c.Caller.Platform, c.Caller.ChannelId, c.CancellationToken)).Any(s => s.Id == id);

    private static CommandReply NotMine(int id) =>
        CommandReply.Refuse($"Subscription {id} is not one of this chat's.", "See /subscriptions for this chat's ids.");

    private async Task<CommandReply> TestAsync(CommandContext c)
    {
        var id = c.Arguments.RequiredInt("subscription");
        if (!await IsMineAsync(c, id))
        {
            return NotMine(id);
        }

        var test = await tester.TestAsync(id, c.CancellationToken);
        return test.Delivered
            ? CommandReply.Ok("Test message posted", [test.Summary])
            : CommandReply.Fail(test.Summary) with
            {
                Lines =
                [
                    test.Outcome switch
                    {
                        TestOutcome.Refused => $"Alerts to that channel fail the same way until it is fixed; then run /subscription test {id} again.",
                        TestOutcome.NotConfigured => "Alerts to it wait in the outbox until a StockBot with that bot's token runs.",
                        _ => "Try again in a moment.",
                    },
                ],
            };
    }

    /// <summary>What the platform said to the test message, and what to do when it said no.</summary>
    private static string TestLine(SubscriptionTestResult test, int id) => test.Outcome switch
    {
        TestOutcome.Sent => "A test message was posted there.",
        TestOutcome.NotConfigured => $"No test message: {test.Error}",
        TestOutcome.Unavailable => $"The test message could not be posted just now ({test.Error}); try /subscription test {id} later.",
        _ => $"⚠️ The test message was refused: {test.Error}. Alerts will fail the same way: give the bot what it needs there, then /subscription test {id}.",
    };

    private async Task<CommandReply> UnsubscribeAsync(CommandContext c)
    {
        var channel = c.Arguments.String("chat") ?? c.Caller.ChannelId;
        var mine = await subscriptions.ListAsync(c.Caller.Platform, channel, c.CancellationToken);
        var match = mine.FirstOrDefault(s => s.WebsiteId == c.Arguments.Int("website") && s.MonitorConfigId == c.Arguments.Int("monitor"));
        if (match is null)
        {
            var usage = c.Definition.Usage;
            return CommandReply.Fail(mine.Count == 0 ? "This chat has no subscriptions." : "This chat has no subscription of that scope.", usage)
                with { Lines = mine.Select(s => $"#{s.Id}: {s.Scope}").Append($"Usage: {usage}").ToList() };
        }

        await subscriptions.RemoveAsync(match.Id, c.CancellationToken);
        return CommandReply.Ok($"Unsubscribed from {match.Scope}");
    }

    private async Task<CommandReply> ListAsync(CommandContext c)
    {
        var mine = await subscriptions.ListAsync(c.Caller.Platform, c.Caller.ChannelId, c.CancellationToken);
        return mine.Count == 0
            ? CommandReply.Ok("This chat gets no alerts.", ["A chat admin can start them with /subscribe."])
            : CommandReply.Ok($"This chat gets {mine.Count} kind(s) of alert", mine.Select(s =>
                $"#{s.Id} {s.Scope}: {Spaced(s.EventKinds)}{(s.QuietHours is null ? string.Empty : $", quiet {QuietText(s)}")}{(s.IsActive ? string.Empty : " (stopped: the bot could not post here)")}").ToList());
    }

    internal static string Spaced(string kinds) => kinds.Replace(",", ", ", StringComparison.Ordinal);
}

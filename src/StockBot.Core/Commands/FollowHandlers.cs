using StockBot.Core.Alerts;
using StockBot.Core.Follows;
using StockBot.Core.Subscriptions;

namespace StockBot.Core.Commands;

/// <summary>
/// `/follow monitor|website`, `/unfollow monitor|website`, `/following`: personal alerts in the caller's private chat
/// with the bot, for anyone, from any chat (<see cref="CommandDefinition.Personal"/>: Discord offers them in DMs too).
/// </summary>
public sealed class FollowHandlers(FollowService follows, IEnumerable<IPersonalChats> personalChats)
{
    public const string Follow = "follow";
    public const string Unfollow = "unfollow";
    public const string Following = "following";

    private const string MonitorScope = "monitor";
    private const string WebsiteScope = "website";

    internal static readonly IReadOnlyList<CommandDefinition> Definitions =
    [
        Personal(new(Follow, MonitorScope, "Get a monitor's alerts in a private chat with me", CommandAccess.Everyone, FollowOptions(MonitorHandlers.MonitorId(description: "The monitor to follow (see /status)"))),
            (h, c) => h.FollowAsync(c)),
        Personal(new(Follow, WebsiteScope, "Get a website's alerts in a private chat with me", CommandAccess.Everyone, FollowOptions(WebsiteHandlers.WebsiteId(description: "The website to follow"))),
            (h, c) => h.FollowAsync(c)),
        Personal(new(Unfollow, MonitorScope, "Stop following a monitor", CommandAccess.Everyone, [MonitorHandlers.MonitorId(description: "The monitor to stop following")]),
            (h, c) => h.UnfollowAsync(c)),
        Personal(new(Unfollow, WebsiteScope, "Stop following a website", CommandAccess.Everyone, [WebsiteHandlers.WebsiteId(description: "The website to stop following")]),
            (h, c) => h.UnfollowAsync(c)),
        Personal(new(Following, null, "What you follow, with ids", CommandAccess.Everyone, []), (h, c) => h.ListAsync(c)),
    ];

    private static CommandDefinition Personal(CommandDefinition definition, Func<FollowHandlers, CommandContext, Task<CommandReply>> handle) =>
        definition with { Personal = true, Handler = CommandDefinition.On(handle) };

    /// <summary>The scope option, then what `/subscribe` takes for a channel: the event kinds and the alert timing.</summary>
    private static CommandOption[] FollowOptions(CommandOption scope) =>
    [
        scope,
        SubscriptionHandlers.EventsOption(),
        .. SubscriptionHandlers.TimingOptions(isNew: true),
    ];

    private async Task<CommandReply> FollowAsync(CommandContext c)
    {
        var (websiteId, monitorId, scope) = ScopeOf(c);
        var chats = personalChats.FirstOrDefault(p => p.Platform == c.Caller.Platform);
        if (chats is null)
        {
            return CommandReply.Refuse($"/{Follow} is for chats: run it on Telegram or Discord.", "For a channel's alerts, use subscription add.");
        }

        var chat = await chats.OpenAsync(c.Caller, c.CancellationToken);
        if (chat.ChannelId is not { } channel)
        {
            return CommandReply.Fail($"Not followed: {chat.Refusal}");
        }

        var a = c.Arguments;
        var result = await follows.FollowAsync(
            new FollowInput(c.Caller.Platform, c.Caller.UserId, channel, websiteId, monitorId, a.String("events"))
            {
                DigestAfter = a.Int(SubscriptionTiming.DigestAfterFlag),
                QuietHours = a.String(QuietHours.QuietFlag),
                TimeZone = a.String(QuietHours.TimeZoneFlag),
            },
            c.CancellationToken);
        var follow = result.Follow;
        if (result.Already)
        {
            return CommandReply.Refuse(
                follow.Personal ? $"You are already following {scope} (#{follow.Id})." : $"Your private chat gets {scope}'s alerts already (subscription #{follow.Id}).",
                $"See /{Following}.");
        }

        var where = chat.Hint ?? (c.Caller.IsPrivate ? "They will come to this chat." : "They will come to you in a private chat with me.");
        return CommandReply.Ok($"Following {follow.Scope} (#{follow.Id})", [$"Alerts: {SubscriptionHandlers.Spaced(follow.EventKinds)}", where, $"/{Unfollow} {scope} stops them."]);
    }

    private async Task<CommandReply> UnfollowAsync(CommandContext c)
    {
        var (websiteId, monitorId, scope) = ScopeOf(c);
        var removed = await follows.UnfollowAsync(c.Caller.Platform, c.Caller.UserId, websiteId, monitorId, c.CancellationToken);
        return removed is null
            ? CommandReply.Fail($"You are not following {scope}.", $"/{Following}")
            : CommandReply.Ok($"Unfollowed {removed.Scope}", ["Its alerts no longer come to you."]);
    }

    private async Task<CommandReply> ListAsync(CommandContext c)
    {
        var mine = await follows.ListAsync(c.Caller.Platform, c.Caller.UserId, c.CancellationToken);
        return mine.Count == 0
            ? CommandReply.Ok("You follow nothing yet.", [$"/{Follow} monitor ID or /{Follow} website ID sends their alerts to a private chat with you."])
            : CommandReply.Ok($"You follow {mine.Count} thing(s)", mine.Select(f =>
                $"#{f.Id} {f.Scope}: {SubscriptionHandlers.Spaced(f.EventKinds)}{(f.IsActive ? string.Empty : $" (off: {f.LastError ?? "the platform refused the message"})")}").ToList());
    }

    /// <summary>The definition's scope (`/follow monitor 3`): its id option, and the words for it ("monitor 3").</summary>
    private static (int? WebsiteId, int? MonitorId, string Scope) ScopeOf(CommandContext c)
    {
        if (c.Definition.Name == WebsiteScope)
        {
            var website = c.Arguments.RequiredInt(WebsiteScope);
            return (website, null, $"{WebsiteScope} {website.ToString(CultureInfo.InvariantCulture)}");
        }

        var monitor = c.Arguments.RequiredInt(MonitorScope);
        return (null, monitor, $"{MonitorScope} {monitor.ToString(CultureInfo.InvariantCulture)}");
    }
}

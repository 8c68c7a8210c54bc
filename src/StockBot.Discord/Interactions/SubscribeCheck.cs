using StockBot.Core.Commands;

namespace StockBot.Discord.Interactions;

/// <summary>What the bot's permissions say about a /subscribe: a refusal (it cannot post at all), or warnings to add to the reply.</summary>
public sealed record SubscribeCheckResult(string? Refusal, IReadOnlyList<string> Warnings)
{
    public static readonly SubscribeCheckResult Fine = new(null, []);
}

/// <summary>
/// /subscribe reads the interaction's app_permissions (the bot's own permissions in the channel) so a
/// missing permission shows now, not as a 403 at the first restock that silently turns the subscription
/// off. Without View Channel or Send Messages nothing can be posted: refused, nothing saved. Without Embed
/// Links, or with a role that is not mentionable while the bot lacks Mention Everyone: subscribed, with a warning.
/// </summary>
public static class SubscribeCheck
{
    public static SubscribeCheckResult Check(InteractionContext context, string? targetChannelId, string? roleId, ResolvedData? resolved)
    {
        if (targetChannelId is not null && targetChannelId != context.ChannelId)
        {
            return new SubscribeCheckResult(null, [$"I can only check my permissions in this channel: make sure StockBot may view channel {targetChannelId}, send messages and embed links there."]);
        }

        if (context.AppPermissions is not { } permissions || permissions.HasFlag(DiscordPermissions.Administrator))
        {
            return SubscribeCheckResult.Fine;
        }

        var cannotPost = new List<string>();
        if (!permissions.HasFlag(DiscordPermissions.ViewChannel))
        {
            cannotPost.Add("View Channel");
        }

        if (!permissions.HasFlag(DiscordPermissions.SendMessages))
        {
            cannotPost.Add("Send Messages");
        }

        if (cannotPost.Count > 0)
        {
            return new SubscribeCheckResult($"StockBot cannot post in this channel: it lacks {string.Join(" and ", cannotPost)} here. Give it that permission, then run /subscribe again (nothing was saved).", []);
        }

        var warnings = new List<string>();
        if (!permissions.HasFlag(DiscordPermissions.EmbedLinks))
        {
            warnings.Add("Warning: StockBot lacks Embed Links in this channel, so alerts would arrive without their details and buy button. Give it Embed Links here.");
        }

        if (roleId is not null && !permissions.HasFlag(DiscordPermissions.MentionEveryone)
            && resolved?.Roles is { } roles && roles.TryGetValue(roleId, out var role) && role.Mentionable != true)
        {
            warnings.Add($"Warning: the role {role.Name ?? roleId} is not mentionable and StockBot lacks \"Mention @everyone, @here, and All Roles\": alerts will name the role without pinging it. Make the role mentionable or give StockBot that permission.");
        }

        return new SubscribeCheckResult(null, warnings);
    }

    /// <summary>The subscribe reply with the warnings after its own lines.</summary>
    public static CommandReply WithWarnings(CommandReply reply, IReadOnlyList<string> warnings) =>
        warnings.Count == 0 || reply.Status != ReplyStatus.Ok ? reply : reply with { Lines = [.. reply.Lines, .. warnings] };
}

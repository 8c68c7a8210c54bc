namespace StockBot.Discord.Protocol;

/// <summary>
/// INTERACTION_CREATE's d. In a guild member (with member.user) is set, in a DM user. The token answers
/// it for 15 minutes: never log it. app_permissions: the bot's own permissions in the channel (decimal string).
/// </summary>
public sealed record Interaction(
    string? Id,
    string? ApplicationId,
    InteractionType Type,
    InteractionData? Data,
    string? GuildId,
    string? ChannelId,
    PartialChannel? Channel,
    GuildMember? Member,
    DiscordUser? User,
    string? Token,
    string? AppPermissions = null)
{
    public override string ToString() => $"interaction {Id}";
}

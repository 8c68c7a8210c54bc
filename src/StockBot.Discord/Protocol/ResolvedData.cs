namespace StockBot.Discord.Protocol;

/// <summary>The objects behind user, role and channel options, by id.</summary>
public sealed record ResolvedData(
    IReadOnlyDictionary<string, DiscordUser>? Users,
    IReadOnlyDictionary<string, GuildMember>? Members,
    IReadOnlyDictionary<string, DiscordRole>? Roles,
    IReadOnlyDictionary<string, PartialChannel>? Channels);

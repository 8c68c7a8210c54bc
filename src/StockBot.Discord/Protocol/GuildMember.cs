namespace StockBot.Discord.Protocol;

/// <summary>A member as an interaction carries it: permissions are the member's in the channel, a decimal string. Resolved members come without user.</summary>
public sealed record GuildMember(DiscordUser? User, string? Nick, string? Permissions, IReadOnlyList<string>? Roles);

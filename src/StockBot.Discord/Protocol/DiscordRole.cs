namespace StockBot.Discord.Protocol;

/// <summary>A role as resolved in an interaction; mentionable = anyone may ping it (else the bot needs Mention Everyone).</summary>
public sealed record DiscordRole(string? Id, string? Name, bool? Mentionable = null);

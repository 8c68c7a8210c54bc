namespace StockBot.Discord.Protocol;

public sealed record DiscordUser(string? Id, string? Username, string? GlobalName, bool? Bot);

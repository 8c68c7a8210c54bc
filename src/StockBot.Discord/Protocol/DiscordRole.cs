namespace StockBot.Discord.Protocol;

public sealed record DiscordRole(string? Id, string? Name);

namespace StockBot.Discord.Protocol;

public sealed record PartialChannel(string? Id, string? Name, ChannelType? Type);

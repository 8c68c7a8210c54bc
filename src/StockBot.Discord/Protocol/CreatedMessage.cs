namespace StockBot.Discord.Protocol;

/// <summary>The part of a created message we keep: its id.</summary>
public sealed record CreatedMessage(string? Id);

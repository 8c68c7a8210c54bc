namespace StockBot.Discord.Gateway;

/// <summary>A dispatch (op 0) event: its name and its data, detached from the socket buffer, and when its frame arrived.</summary>
public sealed record GatewayDispatch(string Type, JsonElement Data, DateTimeOffset ReceivedAt);

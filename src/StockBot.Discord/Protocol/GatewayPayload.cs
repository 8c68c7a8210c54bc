namespace StockBot.Discord.Protocol;

/// <summary>A frame from the gateway: d is read by op (and, for dispatches, by t); s is the sequence to keep.</summary>
public sealed record GatewayPayload(GatewayOpcode Op, JsonElement D, long? S, string? T);

namespace StockBot.Discord.Gateway;

/// <summary>One whole frame off the socket: a text message, or the close and its code.</summary>
internal readonly record struct GatewayFrame(ReadOnlyMemory<byte> Text, int? CloseCode);

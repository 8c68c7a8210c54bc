namespace StockBot.Discord.Gateway;

/// <summary>The gateway could not be reached or spoke out of turn: try again later.</summary>
internal sealed class GatewayUnavailableException(string message) : Exception(message);

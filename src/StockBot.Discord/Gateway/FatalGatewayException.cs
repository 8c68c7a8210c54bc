namespace StockBot.Discord.Gateway;

/// <summary>Reconnecting cannot help (a rejected token): the bot stops.</summary>
internal sealed class FatalGatewayException(string message) : Exception(message);

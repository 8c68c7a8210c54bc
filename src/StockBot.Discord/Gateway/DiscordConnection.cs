using StockBot.Core.Operations;

namespace StockBot.Discord.Gateway;

/// <summary>Connected = the gateway session is READY.</summary>
internal sealed class DiscordConnection(DiscordGateway gateway) : IBotConnection
{
    public string Platform => Data.Entities.Platforms.Discord;

    public bool IsConnected => gateway.Status == GatewayStatus.Ready;
}

using StockBot.Core.Operations;
using StockBot.Data.Entities;

namespace StockBot.Discord.Gateway;

/// <summary>Connected = the gateway session is READY.</summary>
internal sealed class DiscordConnection(DiscordGateway gateway) : IBotConnection
{
    public Platform Platform => Platform.Discord;

    public bool IsConnected => gateway.Status == GatewayStatus.Ready;
}

using Microsoft.Extensions.Hosting;
using StockBot.Core.Cluster;
using StockBot.Discord.Commands;
using StockBot.Discord.Interactions;

namespace StockBot.Discord.Gateway;

/// <summary>The bot inside `stockbot run`: the gateway, the command registration on READY, the interactions.</summary>
/// <remarks>One gateway session per bot: with several instances, only the leader of the `discord` role connects.</remarks>
public sealed class DiscordBotService(DiscordGateway gateway, DiscordCommandRegistrar registrar, DiscordInteractionHandler interactions, BotLeadership leadership) : BackgroundService
{
    public const string LeadershipRole = "discord";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await leadership.RunAsync(
            LeadershipRole,
            leading => gateway.RunAsync(dispatch => OnDispatchAsync(dispatch, leading), leading),
            stoppingToken);
    }

    private Task OnDispatchAsync(GatewayDispatch dispatch, CancellationToken cancellationToken) => dispatch.Type switch
    {
        GatewayEvents.Ready when gateway.ApplicationId is { } applicationId => registrar.EnsureRegisteredAsync(applicationId, cancellationToken),
        GatewayEvents.InteractionCreate => interactions.HandleAsync(dispatch.Data, dispatch.ReceivedAt, cancellationToken),
        _ => Task.CompletedTask,
    };
}

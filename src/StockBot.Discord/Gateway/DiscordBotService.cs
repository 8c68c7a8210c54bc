using Microsoft.Extensions.Hosting;
using StockBot.Discord.Commands;
using StockBot.Discord.Interactions;

namespace StockBot.Discord.Gateway;

/// <summary>The bot inside `stockbot run`: the gateway, the command registration on READY, the interactions.</summary>
public sealed class DiscordBotService(DiscordGateway gateway, DiscordCommandRegistrar registrar, DiscordInteractionHandler interactions) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await gateway.RunAsync(dispatch => OnDispatchAsync(dispatch, stoppingToken), stoppingToken);
    }

    private Task OnDispatchAsync(GatewayDispatch dispatch, CancellationToken cancellationToken) => dispatch.Type switch
    {
        GatewayEvents.Ready when gateway.ApplicationId is { } applicationId => registrar.EnsureRegisteredAsync(applicationId, cancellationToken),
        GatewayEvents.InteractionCreate => interactions.HandleAsync(dispatch.Data, dispatch.ReceivedAt, cancellationToken),
        _ => Task.CompletedTask,
    };
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>Only the alert sender over REST (for `stockbot check`): no gateway. Nothing when Discord:Token is not set.</summary>
    public static IServiceCollection AddDiscordAlertSender(this IServiceCollection services, IConfiguration configuration) => services;

    /// <summary>The whole bot for `stockbot run`: REST, gateway, slash commands, sender. Nothing when Discord:Token is not set.</summary>
    public static IServiceCollection AddDiscordBot(this IServiceCollection services, IConfiguration configuration) => services;
}

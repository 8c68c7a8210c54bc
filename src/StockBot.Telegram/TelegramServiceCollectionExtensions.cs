using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>Only the alert sender (for `stockbot check`): no polling. Nothing when Telegram:Token is not set.</summary>
    public static IServiceCollection AddTelegramAlertSender(this IServiceCollection services, IConfiguration configuration) => services;

    /// <summary>The whole bot for `stockbot run`: sender, command polling, command list. Nothing when Telegram:Token is not set.</summary>
    public static IServiceCollection AddTelegramBot(this IServiceCollection services, IConfiguration configuration) => services;
}

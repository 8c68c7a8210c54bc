using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StockBot.Core.Alerts;
using StockBot.Core.Commands;
using StockBot.Core.Operations;
using StockBot.Discord.Alerts;
using StockBot.Discord.Commands;
using StockBot.Discord.Gateway;
using StockBot.Discord.Interactions;
using StockBot.Discord.Rest;

namespace StockBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Discord's rules for the core (mentions, suggestions), with or without a token: subscriptions for
    /// Discord channels are managed from the CLI and the other bot too.
    /// </summary>
    public static IServiceCollection AddDiscordChatPlatform(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatPlatform, DiscordChatPlatform>());
        return services;
    }

    /// <summary>Only the alert sender over REST (for `stockbot check`): no gateway. Nothing when Discord:Token is not set.</summary>
    public static IServiceCollection AddDiscordAlertSender(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{DiscordOptions.Section}:Token"]) || services.Any(s => s.ServiceType == typeof(DiscordRateLimiter)))
        {
            return services;
        }

        services.AddOptions<DiscordOptions>().Bind(configuration.GetSection(DiscordOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DiscordRateLimiter(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<DiscordOptions>>().Value));
        services.AddTransient<DiscordRateLimitHandler>();
        services.AddHttpClient<DiscordRestClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<DiscordOptions>>().Value;
                http.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/') + "/");
                // DiscordRateLimitHandler times each attempt; the client-wide timeout would count rate-limit waits too.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", options.Token!.Trim());
                http.DefaultRequestHeaders.UserAgent.ParseAdd(DiscordRestClient.UserAgent);
            })
            .AddHttpMessageHandler<DiscordRateLimitHandler>()
            // Singletons (gateway, sender) hold the client: the pooled handler recycles connections instead.
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The default handler logs full URLs, and interaction tokens travel in them.
            .RemoveAllLoggers();
        services.AddSingleton<IAlertSender, DiscordAlertSender>();
        services.AddSingleton<StockBot.Core.Follows.IPersonalChats, DiscordPersonalChats>();
        return services.AddDiscordChatPlatform();
    }

    /// <summary>The whole bot for `stockbot run`: REST, gateway, slash commands, sender. Nothing when Discord:Token is not set.</summary>
    public static IServiceCollection AddDiscordBot(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{DiscordOptions.Section}:Token"]))
        {
            return services;
        }

        services.AddDiscordAlertSender(configuration);
        services.AddSingleton<DiscordGateway>();
        services.AddSingleton<IBotConnection, DiscordConnection>();
        services.AddSingleton<DiscordCommandRegistrar>();
        services.AddSingleton<DiscordInteractionHandler>();
        services.AddHostedService<DiscordBotService>();
        return services;
    }
}

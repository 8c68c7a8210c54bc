using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StockBot.Core.Alerts;
using StockBot.Core.Commands;
using Telegram.Bot;

namespace StockBot.Telegram;

public static class TelegramServiceCollectionExtensions
{
    internal const string HttpClientName = "StockBot.Telegram";

    /// <summary>
    /// Telegram's rules for the core (mentions, suggestions), with or without a token: subscriptions for
    /// Telegram chats are managed from the CLI and the other bot too.
    /// </summary>
    public static IServiceCollection AddTelegramChatPlatform(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatPlatform, TelegramChatPlatform>());
        return services;
    }

    /// <summary>Only the alert sender (for `stockbot check`): no polling. Nothing when Telegram:Token is not set.</summary>
    public static IServiceCollection AddTelegramAlertSender(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:Token"]))
        {
            return services;
        }

        if (services.Any(d => d.ServiceType == typeof(TelegramPacer)))
        {
            return services;
        }

        var section = configuration.GetSection(TelegramOptions.Section);
        services.AddOptions<TelegramOptions>()
            .Configure(o => TelegramOptions.Bind(section, o))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Request URLs carry the token (/bot<token>/method): HttpClient's own logging must never see them.
        services.AddHttpClient(HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(TelegramBotService.LongPollSeconds + 25))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();

        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var telegram = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var clientOptions = new TelegramBotClientOptions(telegram.Token!, telegram.EffectiveBaseUrl)
            {
                // Telegram.Bot would sleep through a 429 itself (up to a minute, three times), stalling the
                // dispatcher; we hand retry-after to the outbox instead.
                RetryThreshold = 0,
                RetryCount = 1,
            };
            return new TelegramBotClient(clientOptions, sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName));
        });
        // Its own clock: a test gives the pacer a simulated one (keyed TimeProvider) without touching the app's.
        services.AddSingleton(sp => new TelegramPacer(sp.GetKeyedService<TimeProvider>(TelegramPacer.ClockKey)));
        services.AddSingleton<TelegramBotIdentity>();
        services.AddSingleton<IAlertSender, TelegramAlertSender>();
        services.AddSingleton<StockBot.Core.Follows.IPersonalChats, TelegramPersonalChats>();
        return services.AddTelegramChatPlatform();
    }

    /// <summary>The whole bot for `stockbot run`: sender, command polling, command list. Nothing when Telegram:Token is not set.</summary>
    public static IServiceCollection AddTelegramBot(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:Token"]))
        {
            return services;
        }

        services.AddTelegramAlertSender(configuration);
        services.AddScoped<TelegramUpdateHandler>();
        services.AddScoped<TelegramReplier>();
        services.AddScoped<TelegramChatMembership>();
        services.AddSingleton<TelegramUpdateTracker>();
        services.AddSingleton<TelegramConnection>();
        services.AddSingleton<StockBot.Core.Operations.IBotConnection>(sp => sp.GetRequiredService<TelegramConnection>());
        services.AddHostedService<TelegramBotService>();
        return services;
    }
}

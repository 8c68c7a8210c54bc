using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Alerts;
using StockBot.Core.Subscriptions;
using StockBot.Discord.Rest;

namespace StockBot.Discord.Webhooks;

public static class DiscordWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Discord channel webhooks as alert targets, always (no Discord:Token needed): the URL check for
    /// `subscription add --webhook` and the sender, whose HttpClient has its own rate limiter and logs no URL.
    /// </summary>
    public static IServiceCollection AddDiscordWebhooks(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(DiscordWebhookSender)))
        {
            return services;
        }

        // The "Discord" section (ApiBaseUrl, rate-limit and timeout knobs) read again under a name of its own, so
        // webhooks work without the bot's options and its token check.
        services.AddOptions<DiscordOptions>(DiscordWebhookLimits.OptionsName).BindConfiguration(DiscordOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DiscordWebhookLimits>();
        services.AddHttpClient(DiscordWebhookSender.HttpClientName, (sp, http) =>
            {
                http.BaseAddress = new Uri(sp.GetRequiredService<DiscordWebhookLimits>().Options.ApiBaseUrl.TrimEnd('/') + "/");
                // DiscordRateLimitHandler times each attempt; the client-wide timeout would count rate-limit waits too.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd(DiscordRestClient.UserAgent);
            })
            .AddHttpMessageHandler(sp =>
            {
                var limits = sp.GetRequiredService<DiscordWebhookLimits>();
                return new DiscordRateLimitHandler(limits.Limiter, Options.Create(limits.Options), sp.GetRequiredService<ILogger<DiscordRateLimitHandler>>());
            })
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The default handler logs full URLs, and a webhook's token is in its URL.
            .RemoveAllLoggers();
        services.AddSingleton<DiscordWebhookSender>();
        services.AddSingleton<IAlertSender>(sp => sp.GetRequiredService<DiscordWebhookSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookPlatform, DiscordWebhookPlatform>());
        return services;
    }
}

/// <summary>The webhooks' own rate limiter (buckets per webhook id), apart from the bot's, and the options it runs on.</summary>
public sealed class DiscordWebhookLimits(IOptionsMonitor<DiscordOptions> options, TimeProvider time)
{
    public const string OptionsName = "Webhooks";

    public DiscordOptions Options { get; } = options.Get(OptionsName);

    public DiscordRateLimiter Limiter { get; } = new(time, options.Get(OptionsName));
}

using Coravel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StockBot.Host.Scheduling;

namespace StockBot.Host.Hosting;

public static class HostServiceCollectionExtensions
{
    /// <summary>What only the long-running service has: the schedule (and, with their issues, the bots).</summary>
    public static IServiceCollection AddStockBotService(this IServiceCollection services)
    {
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(8));
        services.AddScheduler();
        services.AddSingleton<CycleClock>();
        services.AddTransient<MonitoringCycleJob>();
        services.AddTransient<AlertDispatchJob>();
        services.AddTransient<RetentionJob>();
        services.AddTransient<BotHeartbeatJob>();
        services.AddHostedService<HealthEndpoint>();
        return services;
    }

    public static void UseStockBotSchedule(this IHost host)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StockBot.Schedule");
        host.Services.UseScheduler(scheduler =>
            {
                scheduler.Schedule<MonitoringCycleJob>().EverySecond().PreventOverlapping(nameof(MonitoringCycleJob));
                scheduler.Schedule<AlertDispatchJob>().EveryFiveSeconds().PreventOverlapping(nameof(AlertDispatchJob));
                scheduler.Schedule<BotHeartbeatJob>().EveryFifteenSeconds().PreventOverlapping(nameof(BotHeartbeatJob));
                scheduler.Schedule<RetentionJob>().DailyAt(3, 17).PreventOverlapping(nameof(RetentionJob));
            })
            .OnError(ex => logger.LogError(ex, "A scheduled job failed"));
    }
}

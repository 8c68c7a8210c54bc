using Coravel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using StockBot.Core.Operations;
using StockBot.Host.Scheduling;
using StockBot.Host.Web;

namespace StockBot.Host.Hosting;

public static class HostServiceCollectionExtensions
{
    /// <summary>What only the long-running service has: the schedule (and, with their issues, the bots).</summary>
    public static IServiceCollection AddStockBotService(this IServiceCollection services)
    {
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(8));
        services.AddScheduler();
        services.AddSingleton<CycleClock>();
        services.AddSingleton<DatabaseFaultLog>();
        services.AddTransient<MonitoringCycleJob>();
        services.AddTransient<AlertDispatchJob>();
        services.AddTransient<RetentionJob>();
        services.AddTransient<BotHeartbeatJob>();
        services.AddHostedService<ClusterMembershipService>();
        services.AddStockBotOperations();
        return services;
    }

    /// <summary>
    /// Health and metrics of the long-running service: the health rule as an ASP.NET Core health
    /// check, the StockBot meter with runtime and process metrics for Prometheus, and the listener
    /// that serves both, the public page and the API (only when Web:Urls or Health:Urls is set).
    /// </summary>
    public static IServiceCollection AddStockBotOperations(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StockBotHealthCheck>(StockBotHealthCheck.Name);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("stockbot"))
            .WithMetrics(metrics => metrics
                .AddMeter(StockBotMetrics.MeterName)
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                // Without scope labels the series read as they did before OpenTelemetry: `stockbot_cycles_total 12`.
                .AddPrometheusExporter(prometheus => prometheus.ScopeInfoEnabled = false));
        services.AddOptions<WebOptions>().Configure<IConfiguration>(WebOptions.Read).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebOptions>, WebOptionsValidator>());
        services.AddHostedService<WebEndpoint>();
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

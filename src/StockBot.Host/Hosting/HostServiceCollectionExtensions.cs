using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Host.Hosting;

public static class HostServiceCollectionExtensions
{
    /// <summary>What only the long-running service has: the schedule and the bots.</summary>
    public static IServiceCollection AddStockBotService(this IServiceCollection services)
    {
        services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(8));
        return services;
    }
}

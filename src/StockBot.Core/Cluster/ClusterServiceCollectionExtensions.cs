using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Configuration;
using StockBot.Core.Monitoring;
using StockBot.Core.Operations;

namespace StockBot.Core.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>The instance's name, Cluster:FailoverAfter (checked at start), membership, leadership, website leases and `cluster status`.</summary>
    public static IServiceCollection AddStockBotCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(InstanceIdentity.From(configuration));
        services.AddSingleton<ClusterMembership>();
        services.AddSingleton<BotLeadership>();
        services.AddSingleton<WebsiteLeases>();
        services.AddScoped<ClusterStatusQuery>();
        return services;
    }
}

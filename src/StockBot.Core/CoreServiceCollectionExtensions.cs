using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StockBot.Core.Configuration;
using StockBot.Core.Alerts;
using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Cluster;
using StockBot.Core.ApiTokens;
using StockBot.Core.Commands;
using StockBot.Core.History;
using StockBot.Core.Monitoring;
using StockBot.Core.Operations;
using StockBot.Core.Monitors;
using StockBot.Core.Sample;
using StockBot.Core.Security;
using StockBot.Core.Status;
using StockBot.Core.Subscriptions;
using StockBot.Core.Websites;
using StockBot.Data.Providers;
using StockBot.Storefront;
using StockBot.Whmcs;

namespace StockBot.Core;

public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddStockBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        // A provider Database:Provider does not allow falls back to SQLite here; DatabaseOptions' check names it at start.
        var dialect = DatabaseDialect.For(configuration[DatabaseDialect.ProviderKey], configuration.GetConnectionString("StockBot"))
            ?? DatabaseDialect.For(DatabaseDialect.SqliteName, configuration.GetConnectionString("StockBot"))!;
        services.AddStockBotData(dialect);
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => DatabaseDialect.IsKnown(o.Provider), $"{DatabaseDialect.ProviderKey} must be {DatabaseDialect.Allowed}.")
            .Validate(
                _ => dialect is not PostgresDialect || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("StockBot")),
                "ConnectionStrings:StockBot must name the PostgreSQL server when Database:Provider is postgres (Host=...;Database=...;Username=...;Password=...).")
            .Validate(
                _ => dialect is not PostgresDialect || !string.IsNullOrWhiteSpace(configuration[$"{SecurityOptions.Section}:{nameof(SecurityOptions.EncryptionKey)}"]),
                "Security:EncryptionKey is required when Database:Provider is postgres: every instance must open the same secrets (e.g. `openssl rand -base64 32`).")
            .ValidateOnStart();

        AddValidated<MonitoringOptions>(services, configuration, MonitoringOptions.Section);
        AddValidated<RetentionOptions>(services, configuration, RetentionOptions.Section);
        AddValidated<AlertsOptions>(services, configuration, AlertsOptions.Section);
        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.EncryptionKey) || IsKey(o.EncryptionKey), "Security:EncryptionKey must be the base64 of 32 bytes (e.g. `openssl rand -base64 32`).")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SecretProtector(EncryptionKeyProvider.Resolve(
            sp.GetRequiredService<IOptions<SecurityOptions>>().Value.EncryptionKey,
            dialect.FilePath)));

        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<WebsiteService>();
        services.AddScoped<MonitorService>();
        services.AddScoped<PublicMonitorQuery>();
        services.AddSingleton<CycleSignal>();
        services.AddScoped<SubscriptionService>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<Follows.FollowService>();
        services.AddScoped<StatusService>();
        services.AddScoped<SampleDataSeeder>();
        services.AddScoped<EnvironmentWebsiteImporter>();
        services.AddSingleton<StockChartRenderer>();
        services.AddScoped<HistoryChartService>();
        services.AddScoped<WebsiteProbe>();
        services.AddScoped<Monitors.ProductVerifier>();

        services.AddWhmcs();
        services.AddOptions<WhmcsClientOptions>()
            .Configure<IOptions<MonitoringOptions>>((whmcs, monitoring) => whmcs.RequestTimeout = monitoring.Value.RequestTimeout);
        services.AddStockBotStorefront();
        // Storefront pages get the same per-request limit (and discovery interval) as the API unless Storefront:... says otherwise.
        // Read from the configuration, not from IOptions<MonitoringOptions>: a bad Monitoring setting is reported once, by its own validation.
        services.AddOptions<StorefrontOptions>()
            .Configure(storefront =>
            {
                if (TimeSpan.TryParse(configuration[$"{MonitoringOptions.Section}:{nameof(MonitoringOptions.RequestTimeout)}"], CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero)
                {
                    storefront.RequestTimeout = timeout;
                }

                // New product groups are looked for as often as the API's product list is (Monitoring:DiscoveryInterval).
                if (TimeSpan.TryParse(configuration[$"{MonitoringOptions.Section}:{nameof(MonitoringOptions.DiscoveryInterval)}"], CultureInfo.InvariantCulture, out var discovery) && discovery >= TimeSpan.Zero)
                {
                    storefront.DiscoveryInterval = discovery;
                }
            })
            .Bind(configuration.GetSection("Storefront"));
        services.AddSingleton<WebsiteReader>();
        services.AddSingleton<WebsiteBackoff>();
        services.AddMetrics();
        services.AddSingleton(sp => new StockBotMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton<MonitoringEngine>();
        services.AddSingleton<MonitoringCycle>();
        services.AddStockBotCluster(configuration);
        services.AddScoped<AlertOutbox>();
        services.AddScoped<AlertDispatcher>();
        services.AddSingleton<AlertSenders>();
        services.AddScoped<OutboxQueries>();
        services.AddScoped<SubscriptionTester>();
        services.AddScoped<BotStateStore>();
        services.AddScoped<HealthCheck>();
        services.AddScoped<Maintenance.DatabaseMaintenance>();
        services.AddScoped<Maintenance.DatabaseRestore>();
        services.AddStockBotCommands();
        return services;
    }

    /// <summary>The command catalog, its executor and each handler group, by name (no scanning).</summary>
    public static IServiceCollection AddStockBotCommands(this IServiceCollection services)
    {
        services.TryAddSingleton<CommandCatalog>();
        services.AddScoped<CommandExecutor>();
        services.AddScoped<CommandLookups>();
        services.AddScoped<WebsiteHandlers>();
        services.AddScoped<WebsiteProbeHandlers>();
        services.AddScoped<MonitorHandlers>();
        services.AddScoped<SubscriptionHandlers>();
        services.AddScoped<FollowHandlers>();
        services.AddScoped<StatusHandlers>();
        services.AddScoped<HelpHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatPlatform, ConsoleChatPlatform>());
        return services;
    }

    /// <summary>A settings section bound to its options class and checked by its annotations when the host starts.</summary>
    private static void AddValidated<TOptions>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();

    private static bool IsKey(string value)
    {
        try
        {
            EncryptionKeyProvider.Parse(value);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using StockBot.Data.Providers;
using StockBot.Data.Configurations;

namespace StockBot.Data;

public sealed class StockBotDbContext(DbContextOptions<StockBotDbContext> options) : DbContext(options)
{
    public DbSet<Website> Websites => Set<Website>();
    public DbSet<MonitorConfig> MonitorConfigs => Set<MonitorConfig>();
    public DbSet<StockRecord> StockRecords => Set<StockRecord>();
    public DbSet<MonitorHistory> MonitorHistories => Set<MonitorHistory>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();
    public DbSet<BotState> BotStates => Set<BotState>();
    public DbSet<WebsiteProduct> WebsiteProducts => Set<WebsiteProduct>();
    public DbSet<ClusterInstance> ClusterInstances => Set<ClusterInstance>();
    public DbSet<WebsiteLease> WebsiteLeases => Set<WebsiteLease>();
    public DbSet<ClusterLeader> ClusterLeaders => Set<ClusterLeader>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Explicit registration: one configuration per entity, no assembly scanning.
        modelBuilder.ApplyConfiguration(new WebsiteConfiguration());
        modelBuilder.ApplyConfiguration(new MonitorConfigConfiguration());
        modelBuilder.ApplyConfiguration(new StockRecordConfiguration());
        modelBuilder.ApplyConfiguration(new MonitorHistoryConfiguration());
        modelBuilder.ApplyConfiguration(new SubscriptionConfiguration());
        modelBuilder.ApplyConfiguration(new AlertDeliveryConfiguration());
        modelBuilder.ApplyConfiguration(new BotStateConfiguration());
        modelBuilder.ApplyConfiguration(new WebsiteProductConfiguration());
        modelBuilder.ApplyConfiguration(new ClusterInstanceConfiguration());
        modelBuilder.ApplyConfiguration(new WebsiteLeaseConfiguration());
        modelBuilder.ApplyConfiguration(new ClusterLeaderConfiguration());
        modelBuilder.ApplyConfiguration(new ApiTokenConfiguration());
        modelBuilder.UseVarcharForMaxLength().UseMigrationConstraintNames();

        if (Database.IsNpgsql())
        {
            PostgresDialect.ConfigureModel(modelBuilder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as the specification's strings (DbValues), never as numbers or C# names.
        configurationBuilder.Properties<MonitorEventType>().HaveConversion<MonitorEventTypeConverter>();
        configurationBuilder.Properties<MonitorStatus>().HaveConversion<MonitorStatusConverter>();
        configurationBuilder.Properties<ChangeType>().HaveConversion<ChangeTypeConverter>();
        configurationBuilder.Properties<ThresholdType>().HaveConversion<ThresholdTypeConverter>();
        configurationBuilder.Properties<DeliveryStatus>().HaveConversion<DeliveryStatusConverter>();
        configurationBuilder.Properties<Platform>().HaveConversion<PlatformConverter>();
        configurationBuilder.Properties<WebsiteMode>().HaveConversion<WebsiteModeConverter>();

        // Everything is stored as UTC and read back as UTC: SQLite keeps no DateTimeKind, and Npgsql writes only
        // Kind=Utc to `timestamp with time zone` (an Unspecified or Local value is converted here, never refused there).
        var dates = configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        var nullableDates = configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        if (!Database.IsSqlite())
        {
            // PostgreSQL: the provider's own types (timestamp with time zone, integer, bigint, boolean).
            return;
        }

        dates.HaveColumnType("DATETIME");
        nullableDates.HaveColumnType("DATETIME");

        // The specification's column types, which SQLite keeps as declared: numbers INTEGER, flags BOOLEAN.
        configurationBuilder.Properties<int>().HaveColumnType("INTEGER");
        configurationBuilder.Properties<int?>().HaveColumnType("INTEGER");
        configurationBuilder.Properties<long>().HaveColumnType("INTEGER");
        configurationBuilder.Properties<bool>().HaveColumnType("BOOLEAN");
    }

    private sealed class MonitorEventTypeConverter() : ValueConverter<MonitorEventType, string>(v => v.ToDb(), v => DbValues.ToMonitorEventType(v));

    private sealed class MonitorStatusConverter() : ValueConverter<MonitorStatus, string>(v => v.ToDb(), v => DbValues.ToMonitorStatus(v));

    private sealed class ChangeTypeConverter() : ValueConverter<ChangeType, string>(v => v.ToDb(), v => DbValues.ToChangeType(v));

    private sealed class ThresholdTypeConverter() : ValueConverter<ThresholdType, string>(v => v.ToDb(), v => DbValues.ToThresholdType(v));

    private sealed class DeliveryStatusConverter() : ValueConverter<DeliveryStatus, string>(v => v.ToDb(), v => DbValues.ToDeliveryStatus(v));

    private sealed class PlatformConverter() : ValueConverter<Platform, string>(v => v.ToDb(), v => DbValues.ToPlatform(v));

    private sealed class WebsiteModeConverter() : ValueConverter<WebsiteMode, string>(v => v.ToDb(), v => DbValues.ToWebsiteMode(v));

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v.Value : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}

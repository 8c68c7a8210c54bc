namespace StockBot.Data.Configurations;

public sealed class MonitorHistoryConfiguration : IEntityTypeConfiguration<MonitorHistory>
{
    public void Configure(EntityTypeBuilder<MonitorHistory> builder)
    {
        builder.HasIndex(h => h.CreatedAt);
        builder.HasIndex(h => new { h.MonitorConfigId, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_config_created");
        builder.HasIndex(h => new { h.EventType, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_event_type");
    }
}

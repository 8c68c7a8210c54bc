namespace StockBot.Data.Configurations;

public sealed class MonitorHistoryConfiguration : IEntityTypeConfiguration<MonitorHistory>
{
    public void Configure(EntityTypeBuilder<MonitorHistory> builder)
    {
        builder.HasOne(h => h.MonitorConfig).WithMany(m => m.Histories).HasForeignKey(h => h.MonitorConfigId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(h => h.CreatedAt);
        builder.HasIndex(h => new { h.MonitorConfigId, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_config_created");
        builder.HasIndex(h => new { h.EventType, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_event_type");
    }
}

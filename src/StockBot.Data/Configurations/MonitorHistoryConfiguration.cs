namespace StockBot.Data.Configurations;

public sealed class MonitorHistoryConfiguration : IEntityTypeConfiguration<MonitorHistory>
{
    public void Configure(EntityTypeBuilder<MonitorHistory> builder)
    {
        // Optional since `product_new` has no monitor, and still removed with its monitor as before.
        builder.HasOne(h => h.MonitorConfig).WithMany(m => m.Histories).HasForeignKey(h => h.MonitorConfigId).OnDelete(DeleteBehavior.Cascade);

        // A catalogue row goes with its website; its `product_new` events are removed with it first (WebsiteService).
        builder.HasOne(h => h.WebsiteProduct).WithMany().HasForeignKey(h => h.WebsiteProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => h.WebsiteProductId);
        builder.HasIndex(h => h.CreatedAt);
        builder.HasIndex(h => new { h.MonitorConfigId, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_config_created");
        builder.HasIndex(h => new { h.EventType, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_event_type");
    }
}

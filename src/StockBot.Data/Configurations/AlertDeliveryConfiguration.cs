namespace StockBot.Data.Configurations;

public sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.HasOne(d => d.MonitorHistory).WithMany().HasForeignKey(d => d.MonitorHistoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Subscription).WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(d => new { d.Status, d.NextAttemptAt }).HasDatabaseName("ix_alert_deliveries_status_next_attempt");
    }
}

namespace StockBot.Data.Configurations;

public sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt }).HasDatabaseName("ix_alert_deliveries_status_next_attempt");
        // A starting instance finds the rows it was sending when it died.
        builder.HasIndex(d => d.ClaimedBy).HasDatabaseName("ix_alert_deliveries_claimed_by");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.ToTable("alert_deliveries");
        builder.HasKey(d => d.Id).HasName("PK_alert_deliveries");
        builder.Property(d => d.Status).IsVarchar(20).IsRequired();
        builder.Property(d => d.LastError).IsVarchar(500);
        builder.Property(d => d.ExternalMessageId).IsVarchar(100);

        builder.HasOne(d => d.MonitorHistory).WithMany().HasForeignKey(d => d.MonitorHistoryId).HasConstraintName("FK_alert_deliveries_monitor_histories_monitor_history_id").OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Subscription).WithMany().HasForeignKey(d => d.SubscriptionId).HasConstraintName("FK_alert_deliveries_subscriptions_subscription_id").OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(d => new { d.Status, d.NextAttemptAt }).HasDatabaseName("ix_alert_deliveries_status_next_attempt");
        builder.HasIndex(d => d.MonitorHistoryId).HasDatabaseName("ix_alert_deliveries_monitor_history_id");
        builder.HasIndex(d => d.SubscriptionId).HasDatabaseName("ix_alert_deliveries_subscription_id");
    }
}

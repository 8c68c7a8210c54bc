using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.Property(d => d.Status).IsVarchar(20).IsRequired();
        builder.Property(d => d.LastError).IsVarchar(500);
        builder.Property(d => d.ExternalMessageId).IsVarchar(100);

        builder.HasOne(d => d.MonitorHistory).WithMany().HasForeignKey(d => d.MonitorHistoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Subscription).WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(d => new { d.Status, d.NextAttemptAt }).HasDatabaseName("ix_alert_deliveries_status_next_attempt");
        builder.HasIndex(d => d.MonitorHistoryId);
        builder.HasIndex(d => d.SubscriptionId);
    }
}

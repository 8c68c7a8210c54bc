using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.ToTable("alert_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName("id").HasColumnType("INTEGER");
        builder.Property(d => d.MonitorHistoryId).HasColumnName("monitor_history_id").HasColumnType("INTEGER");
        builder.Property(d => d.SubscriptionId).HasColumnName("subscription_id").HasColumnType("INTEGER");
        builder.Property(d => d.Status).HasColumnName("status").HasColumnType("VARCHAR(20)").HasMaxLength(20).IsRequired();
        builder.Property(d => d.Attempts).HasColumnName("attempts").HasColumnType("INTEGER");
        builder.Property(d => d.NextAttemptAt).HasColumnName("next_attempt_at").HasColumnType("DATETIME");
        builder.Property(d => d.LastError).HasColumnName("last_error").HasColumnType("VARCHAR(500)").HasMaxLength(500);
        builder.Property(d => d.ExternalMessageId).HasColumnName("external_message_id").HasColumnType("VARCHAR(100)").HasMaxLength(100);
        builder.Property(d => d.CreatedAt).HasColumnName("created_at").HasColumnType("DATETIME");
        builder.Property(d => d.SentAt).HasColumnName("sent_at").HasColumnType("DATETIME");

        builder.HasOne(d => d.MonitorHistory).WithMany().HasForeignKey(d => d.MonitorHistoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Subscription).WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(d => new { d.Status, d.NextAttemptAt }).HasDatabaseName("ix_alert_deliveries_status_next_attempt");
        builder.HasIndex(d => d.MonitorHistoryId).HasDatabaseName("ix_alert_deliveries_monitor_history_id");
        builder.HasIndex(d => d.SubscriptionId).HasDatabaseName("ix_alert_deliveries_subscription_id");
    }
}

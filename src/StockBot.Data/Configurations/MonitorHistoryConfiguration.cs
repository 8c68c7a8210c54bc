using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class MonitorHistoryConfiguration : IEntityTypeConfiguration<MonitorHistory>
{
    public void Configure(EntityTypeBuilder<MonitorHistory> builder)
    {
        builder.ToTable("monitor_histories");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasColumnName("id").HasColumnType("INTEGER");
        builder.Property(h => h.MonitorConfigId).HasColumnName("monitor_config_id").HasColumnType("INTEGER");
        builder.Property(h => h.EventType).HasConversion(v => v.ToDb(), v => DbValues.ToMonitorEventType(v)).HasColumnName("event_type").HasColumnType("VARCHAR(50)").HasMaxLength(50).IsRequired();
        builder.Property(h => h.FromQuantity).HasColumnName("from_quantity").HasColumnType("INTEGER");
        builder.Property(h => h.ToQuantity).HasColumnName("to_quantity").HasColumnType("INTEGER");
        builder.Property(h => h.Delta).HasColumnName("delta").HasColumnType("INTEGER");
        builder.Property(h => h.ChangeType).HasColumnName("change_type").HasColumnType("VARCHAR(50)").HasMaxLength(50);
        builder.Property(h => h.ThresholdBreached).HasColumnName("threshold_breached").HasColumnType("BOOLEAN");
        builder.Property(h => h.ThresholdType).HasColumnName("threshold_type").HasColumnType("VARCHAR(20)").HasMaxLength(20);
        builder.Property(h => h.ThresholdValue).HasColumnName("threshold_value").HasColumnType("INTEGER");
        builder.Property(h => h.Message).HasColumnName("message").HasColumnType("VARCHAR(500)").HasMaxLength(500);
        builder.Property(h => h.MetadataJson).HasColumnName("metadata_json").HasColumnType("TEXT");
        builder.Property(h => h.CreatedAt).HasColumnName("created_at").HasColumnType("DATETIME");

        builder.HasOne(h => h.MonitorConfig).WithMany(m => m.Histories).HasForeignKey(h => h.MonitorConfigId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(h => h.CreatedAt).HasDatabaseName("ix_monitor_histories_created_at");
        builder.HasIndex(h => new { h.MonitorConfigId, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_config_created");
        builder.HasIndex(h => new { h.EventType, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_event_type");
    }
}

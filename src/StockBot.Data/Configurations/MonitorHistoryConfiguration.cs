using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class MonitorHistoryConfiguration : IEntityTypeConfiguration<MonitorHistory>
{
    public void Configure(EntityTypeBuilder<MonitorHistory> builder)
    {
        builder.ToTable("monitor_histories");
        builder.HasKey(h => h.Id).HasName("PK_monitor_histories");
        builder.Property(h => h.Id).HasColumnType("INTEGER");
        builder.Property(h => h.MonitorConfigId).HasColumnType("INTEGER");
        builder.Property(h => h.EventType).HasColumnType("VARCHAR(50)").HasMaxLength(50).IsRequired();
        builder.Property(h => h.FromQuantity).HasColumnType("INTEGER");
        builder.Property(h => h.ToQuantity).HasColumnType("INTEGER");
        builder.Property(h => h.Delta).HasColumnType("INTEGER");
        builder.Property(h => h.ChangeType).HasColumnType("VARCHAR(50)").HasMaxLength(50);
        builder.Property(h => h.ThresholdBreached).HasColumnType("BOOLEAN");
        builder.Property(h => h.ThresholdType).HasColumnType("VARCHAR(20)").HasMaxLength(20);
        builder.Property(h => h.ThresholdValue).HasColumnType("INTEGER");
        builder.Property(h => h.Message).HasColumnType("VARCHAR(500)").HasMaxLength(500);
        builder.Property(h => h.MetadataJson).HasColumnType("TEXT");
        builder.Property(h => h.CreatedAt).HasColumnType("DATETIME");

        builder.HasOne(h => h.MonitorConfig).WithMany(m => m.Histories).HasForeignKey(h => h.MonitorConfigId).HasConstraintName("FK_monitor_histories_monitor_configs_monitor_config_id").OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(h => h.CreatedAt).HasDatabaseName("ix_monitor_histories_created_at");
        builder.HasIndex(h => new { h.MonitorConfigId, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_config_created");
        builder.HasIndex(h => new { h.EventType, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_event_type");
    }
}

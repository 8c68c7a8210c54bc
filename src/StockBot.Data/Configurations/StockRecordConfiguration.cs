using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class StockRecordConfiguration : IEntityTypeConfiguration<StockRecord>
{
    public void Configure(EntityTypeBuilder<StockRecord> builder)
    {
        builder.ToTable("stock_records");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").HasColumnType("INTEGER");
        builder.Property(r => r.MonitorConfigId).HasColumnName("monitor_config_id").HasColumnType("INTEGER");
        builder.Property(r => r.Quantity).HasColumnName("quantity").HasColumnType("INTEGER");
        builder.Property(r => r.Delta).HasColumnName("delta").HasColumnType("INTEGER");
        builder.Property(r => r.StockControlEnabled).HasColumnName("stock_control_enabled").HasColumnType("BOOLEAN");
        builder.Property(r => r.Available).HasColumnName("available").HasColumnType("BOOLEAN");
        builder.Property(r => r.ChangeType).HasColumnName("change_type").HasColumnType("VARCHAR(50)").HasMaxLength(50);
        builder.Property(r => r.ThresholdBreached).HasColumnName("threshold_breached").HasColumnType("BOOLEAN");
        builder.Property(r => r.ThresholdType).HasColumnName("threshold_type").HasColumnType("VARCHAR(20)").HasMaxLength(20);
        builder.Property(r => r.MetadataJson).HasColumnName("metadata_json").HasColumnType("TEXT");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at").HasColumnType("DATETIME");

        builder.HasOne(r => r.MonitorConfig).WithMany(m => m.StockRecords).HasForeignKey(r => r.MonitorConfigId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(r => r.CreatedAt).HasDatabaseName("ix_stock_records_created_at");
        builder.HasIndex(r => new { r.MonitorConfigId, r.CreatedAt }).HasDatabaseName("idx_stock_records_monitor_created");
    }
}

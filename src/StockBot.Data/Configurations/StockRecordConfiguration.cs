using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class StockRecordConfiguration : IEntityTypeConfiguration<StockRecord>
{
    public void Configure(EntityTypeBuilder<StockRecord> builder)
    {
        builder.ToTable("stock_records");
        builder.HasKey(r => r.Id).HasName("PK_stock_records");
        builder.Property(r => r.Id).HasColumnType("INTEGER");
        builder.Property(r => r.MonitorConfigId).HasColumnType("INTEGER");
        builder.Property(r => r.Quantity).HasColumnType("INTEGER");
        builder.Property(r => r.Delta).HasColumnType("INTEGER");
        builder.Property(r => r.StockControlEnabled).HasColumnType("BOOLEAN");
        builder.Property(r => r.Available).HasColumnType("BOOLEAN");
        builder.Property(r => r.ChangeType).HasColumnType("VARCHAR(50)").HasMaxLength(50);
        builder.Property(r => r.ThresholdBreached).HasColumnType("BOOLEAN");
        builder.Property(r => r.ThresholdType).HasColumnType("VARCHAR(20)").HasMaxLength(20);
        builder.Property(r => r.MetadataJson).HasColumnType("TEXT");
        builder.Property(r => r.CreatedAt).HasColumnType("DATETIME");

        builder.HasOne(r => r.MonitorConfig).WithMany(m => m.StockRecords).HasForeignKey(r => r.MonitorConfigId).HasConstraintName("FK_stock_records_monitor_configs_monitor_config_id").OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(r => r.CreatedAt).HasDatabaseName("ix_stock_records_created_at");
        builder.HasIndex(r => new { r.MonitorConfigId, r.CreatedAt }).HasDatabaseName("idx_stock_records_monitor_created");
    }
}

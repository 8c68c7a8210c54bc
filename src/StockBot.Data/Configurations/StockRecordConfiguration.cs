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
        builder.Property(r => r.ChangeType).IsVarchar(50);
        builder.Property(r => r.ThresholdType).IsVarchar(20);

        builder.HasOne(r => r.MonitorConfig).WithMany(m => m.StockRecords).HasForeignKey(r => r.MonitorConfigId).HasConstraintName("FK_stock_records_monitor_configs_monitor_config_id").OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(r => r.CreatedAt).HasDatabaseName("ix_stock_records_created_at");
        builder.HasIndex(r => new { r.MonitorConfigId, r.CreatedAt }).HasDatabaseName("idx_stock_records_monitor_created");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class MonitorHistoryConfiguration : IEntityTypeConfiguration<MonitorHistory>
{
    public void Configure(EntityTypeBuilder<MonitorHistory> builder)
    {
        builder.Property(h => h.EventType).IsVarchar(50).IsRequired();
        builder.Property(h => h.ChangeType).IsVarchar(50);
        builder.Property(h => h.ThresholdType).IsVarchar(20);
        builder.Property(h => h.Message).IsVarchar(500);

        builder.HasOne(h => h.MonitorConfig).WithMany(m => m.Histories).HasForeignKey(h => h.MonitorConfigId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(h => h.CreatedAt);
        builder.HasIndex(h => new { h.MonitorConfigId, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_config_created");
        builder.HasIndex(h => new { h.EventType, h.CreatedAt }).HasDatabaseName("idx_monitor_histories_event_type");
    }
}

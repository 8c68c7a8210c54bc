namespace StockBot.Data.Configurations;

public sealed class StockRecordConfiguration : IEntityTypeConfiguration<StockRecord>
{
    public void Configure(EntityTypeBuilder<StockRecord> builder)
    {
        builder.HasIndex(r => r.CreatedAt);
        builder.HasIndex(r => new { r.MonitorConfigId, r.CreatedAt }).HasDatabaseName("idx_stock_records_monitor_created");
    }
}

namespace StockBot.Data.Configurations;

public sealed class MonitorConfigConfiguration : IEntityTypeConfiguration<MonitorConfig>
{
    public void Configure(EntityTypeBuilder<MonitorConfig> builder)
    {
        builder.Property(m => m.ConsecutiveFailures).HasDefaultValue(0);
        builder.Property(m => m.CooldownSeconds).HasDefaultValue(0);
        builder.Property(m => m.RestockConfirmReads).HasDefaultValue(0);
        builder.Property(m => m.IsPublic).HasDefaultValue(false);

        builder.HasOne(m => m.Website).WithMany(w => w.Monitors).HasForeignKey(m => m.WebsiteId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(m => m.WebsiteId);
        builder.HasIndex(m => m.ProductId);
        builder.HasIndex(m => m.IsActive);
        builder.HasIndex(m => new { m.WebsiteId, m.ProductId }).IsUnique().HasDatabaseName("uq_monitor_configs_website_product");
    }
}

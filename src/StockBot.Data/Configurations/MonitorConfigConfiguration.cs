using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class MonitorConfigConfiguration : IEntityTypeConfiguration<MonitorConfig>
{
    public void Configure(EntityTypeBuilder<MonitorConfig> builder)
    {
        builder.ToTable("monitor_configs");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id").HasColumnType("INTEGER");
        builder.Property(m => m.WebsiteId).HasColumnName("website_id").HasColumnType("INTEGER");
        builder.Property(m => m.ProductId).HasColumnName("product_id").HasColumnType("INTEGER");
        builder.Property(m => m.ProductName).HasColumnName("product_name").HasColumnType("VARCHAR(255)").HasMaxLength(255);
        builder.Property(m => m.IsActive).HasColumnName("is_active").HasColumnType("BOOLEAN");
        builder.Property(m => m.Status).HasColumnName("status").HasColumnType("VARCHAR(50)").HasMaxLength(50).IsRequired();
        builder.Property(m => m.ThresholdLow).HasColumnName("threshold_low").HasColumnType("INTEGER");
        builder.Property(m => m.ThresholdHigh).HasColumnName("threshold_high").HasColumnType("INTEGER");
        builder.Property(m => m.NotifyOnRestock).HasColumnName("notify_on_restock").HasColumnType("BOOLEAN");
        builder.Property(m => m.NotifyOnPurchase).HasColumnName("notify_on_purchase").HasColumnType("BOOLEAN");
        builder.Property(m => m.NotifyOnThreshold).HasColumnName("notify_on_threshold").HasColumnType("BOOLEAN");
        builder.Property(m => m.PurchaseLink).HasColumnName("purchase_link").HasColumnType("VARCHAR(500)").HasMaxLength(500);
        builder.Property(m => m.CreatedAt).HasColumnName("created_at").HasColumnType("DATETIME");
        builder.Property(m => m.UpdatedAt).HasColumnName("updated_at").HasColumnType("DATETIME");
        builder.Property(m => m.LastCheckedAt).HasColumnName("last_checked_at").HasColumnType("DATETIME");
        builder.Property(m => m.ConsecutiveFailures).HasColumnName("consecutive_failures").HasColumnType("INTEGER").HasDefaultValue(0);
        builder.Property(m => m.LastError).HasColumnName("last_error").HasColumnType("VARCHAR(500)").HasMaxLength(500);

        builder.HasOne(m => m.Website).WithMany(w => w.Monitors).HasForeignKey(m => m.WebsiteId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(m => m.WebsiteId).HasDatabaseName("ix_monitor_configs_website_id");
        builder.HasIndex(m => m.ProductId).HasDatabaseName("ix_monitor_configs_product_id");
        builder.HasIndex(m => m.IsActive).HasDatabaseName("ix_monitor_configs_is_active");
        builder.HasIndex(m => new { m.WebsiteId, m.ProductId }).IsUnique().HasDatabaseName("uq_monitor_configs_website_product");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id").HasColumnType("INTEGER");
        builder.Property(s => s.Platform).HasColumnName("platform").HasColumnType("VARCHAR(20)").HasMaxLength(20).IsRequired();
        builder.Property(s => s.ChannelId).HasColumnName("channel_id").HasColumnType("VARCHAR(100)").HasMaxLength(100).IsRequired();
        builder.Property(s => s.WebsiteId).HasColumnName("website_id").HasColumnType("INTEGER");
        builder.Property(s => s.MonitorConfigId).HasColumnName("monitor_config_id").HasColumnType("INTEGER");
        builder.Property(s => s.EventKinds).HasColumnName("event_kinds").HasColumnType("VARCHAR(100)").HasMaxLength(100).IsRequired();
        builder.Property(s => s.Mention).HasColumnName("mention").HasColumnType("VARCHAR(100)").HasMaxLength(100);
        builder.Property(s => s.IsActive).HasColumnName("is_active").HasColumnType("BOOLEAN");
        builder.Property(s => s.CreatedBy).HasColumnName("created_by").HasColumnType("VARCHAR(100)").HasMaxLength(100);
        builder.Property(s => s.CreatedAt).HasColumnName("created_at").HasColumnType("DATETIME");

        builder.HasOne(s => s.Website).WithMany().HasForeignKey(s => s.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.MonitorConfig).WithMany().HasForeignKey(s => s.MonitorConfigId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(s => new { s.Platform, s.ChannelId }).HasDatabaseName("ix_subscriptions_platform_channel");
        builder.HasIndex(s => s.WebsiteId).HasDatabaseName("ix_subscriptions_website_id");
        builder.HasIndex(s => s.MonitorConfigId).HasDatabaseName("ix_subscriptions_monitor_config_id");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.Property(s => s.Platform).IsVarchar(20).IsRequired();
        builder.Property(s => s.ChannelId).IsVarchar(100).IsRequired();
        builder.Property(s => s.EventKinds).IsVarchar(100).IsRequired();
        builder.Property(s => s.Mention).IsVarchar(100);
        builder.Property(s => s.CreatedBy).IsVarchar(100);

        builder.HasOne(s => s.Website).WithMany().HasForeignKey(s => s.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.MonitorConfig).WithMany().HasForeignKey(s => s.MonitorConfigId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(s => new { s.Platform, s.ChannelId }).HasDatabaseName("ix_subscriptions_platform_channel");
        builder.HasIndex(s => s.WebsiteId);
        builder.HasIndex(s => s.MonitorConfigId);
    }
}

namespace StockBot.Data.Configurations;

public sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.HasOne(s => s.Website).WithMany().HasForeignKey(s => s.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.MonitorConfig).WithMany().HasForeignKey(s => s.MonitorConfigId).OnDelete(DeleteBehavior.Cascade);

        builder.Property(s => s.DigestAfter).HasDefaultValue(Subscription.DefaultDigestAfter);

        builder.HasIndex(s => new { s.Platform, s.ChannelId }).HasDatabaseName("ix_subscriptions_platform_channel");
        // `/following` and the follow limit look a user's follows up by who made them.
        builder.HasIndex(s => new { s.Platform, s.CreatedBy, s.IsPersonal }).HasDatabaseName("ix_subscriptions_platform_created_by");
    }
}

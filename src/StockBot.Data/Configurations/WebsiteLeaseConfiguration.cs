namespace StockBot.Data.Configurations;

public sealed class WebsiteLeaseConfiguration : IEntityTypeConfiguration<WebsiteLease>
{
    public void Configure(EntityTypeBuilder<WebsiteLease> builder)
    {
        builder.ToTable("website_leases");
        builder.HasKey(l => l.WebsiteId);
        builder.Property(l => l.WebsiteId).ValueGeneratedNever();
        builder.HasOne(l => l.Website).WithOne().HasForeignKey<WebsiteLease>(l => l.WebsiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

namespace StockBot.Data.Configurations;

public sealed class WebsiteConfiguration : IEntityTypeConfiguration<Website>
{
    public void Configure(EntityTypeBuilder<Website> builder)
    {
        // Rows written before storefront mode existed read the API.
        builder.Property(w => w.Mode).HasDefaultValue(WebsiteMode.Api).HasSentinel(WebsiteMode.Api);
        builder.HasIndex(w => w.Name);
        builder.HasIndex(w => w.IsActive);
    }
}

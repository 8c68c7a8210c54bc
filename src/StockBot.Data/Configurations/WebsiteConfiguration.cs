namespace StockBot.Data.Configurations;

public sealed class WebsiteConfiguration : IEntityTypeConfiguration<Website>
{
    public void Configure(EntityTypeBuilder<Website> builder)
    {
        builder.HasIndex(w => w.Name);
        builder.HasIndex(w => w.IsActive);
    }
}

namespace StockBot.Data.Configurations;

public sealed class WebsiteProductConfiguration : IEntityTypeConfiguration<WebsiteProduct>
{
    public void Configure(EntityTypeBuilder<WebsiteProduct> builder)
    {
        builder.HasOne(p => p.Website).WithMany().HasForeignKey(p => p.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.WebsiteId, p.ProductId }).IsUnique().HasDatabaseName("uq_website_products_website_product");
    }
}

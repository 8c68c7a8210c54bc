using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class WebsiteConfiguration : IEntityTypeConfiguration<Website>
{
    public void Configure(EntityTypeBuilder<Website> builder)
    {
        builder.Property(w => w.Name).IsVarchar(255).IsRequired();
        builder.Property(w => w.WebsiteUrl).IsVarchar(500).IsRequired();
        builder.Property(w => w.ApiIdentifier).IsVarchar(255).IsRequired();
        builder.Property(w => w.ApiSecret).IsVarchar(500).IsRequired();
        builder.Property(w => w.ApiAccessKey).IsVarchar(500);
        builder.Property(w => w.Region).IsVarchar(100);

        builder.HasIndex(w => w.Name);
        builder.HasIndex(w => w.IsActive);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class WebsiteConfiguration : IEntityTypeConfiguration<Website>
{
    public void Configure(EntityTypeBuilder<Website> builder)
    {
        builder.ToTable("websites");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasColumnName("id").HasColumnType("INTEGER");
        builder.Property(w => w.Name).HasColumnName("name").HasColumnType("VARCHAR(255)").HasMaxLength(255).IsRequired();
        builder.Property(w => w.WebsiteUrl).HasColumnName("website_url").HasColumnType("VARCHAR(500)").HasMaxLength(500).IsRequired();
        builder.Property(w => w.ApiIdentifier).HasColumnName("api_identifier").HasColumnType("VARCHAR(255)").HasMaxLength(255).IsRequired();
        builder.Property(w => w.ApiSecret).HasColumnName("api_secret").HasColumnType("VARCHAR(500)").HasMaxLength(500).IsRequired();
        builder.Property(w => w.ApiAccessKey).HasColumnName("api_access_key").HasColumnType("VARCHAR(500)").HasMaxLength(500);
        builder.Property(w => w.Region).HasColumnName("region").HasColumnType("VARCHAR(100)").HasMaxLength(100);
        builder.Property(w => w.IsActive).HasColumnName("is_active").HasColumnType("BOOLEAN");
        builder.Property(w => w.CreatedAt).HasColumnName("created_at").HasColumnType("DATETIME");
        builder.Property(w => w.UpdatedAt).HasColumnName("updated_at").HasColumnType("DATETIME");

        builder.HasIndex(w => w.Name).HasDatabaseName("ix_websites_name");
        builder.HasIndex(w => w.IsActive).HasDatabaseName("ix_websites_is_active");
    }
}

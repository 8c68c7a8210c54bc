using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class WebsiteConfiguration : IEntityTypeConfiguration<Website>
{
    public void Configure(EntityTypeBuilder<Website> builder)
    {
        builder.ToTable("websites");
        builder.HasKey(w => w.Id).HasName("PK_websites");
        builder.Property(w => w.Id).HasColumnType("INTEGER");
        builder.Property(w => w.Name).HasColumnType("VARCHAR(255)").HasMaxLength(255).IsRequired();
        builder.Property(w => w.WebsiteUrl).HasColumnType("VARCHAR(500)").HasMaxLength(500).IsRequired();
        builder.Property(w => w.ApiIdentifier).HasColumnType("VARCHAR(255)").HasMaxLength(255).IsRequired();
        builder.Property(w => w.ApiSecret).HasColumnType("VARCHAR(500)").HasMaxLength(500).IsRequired();
        builder.Property(w => w.ApiAccessKey).HasColumnType("VARCHAR(500)").HasMaxLength(500);
        builder.Property(w => w.Region).HasColumnType("VARCHAR(100)").HasMaxLength(100);
        builder.Property(w => w.IsActive).HasColumnType("BOOLEAN");
        builder.Property(w => w.CreatedAt).HasColumnType("DATETIME");
        builder.Property(w => w.UpdatedAt).HasColumnType("DATETIME");

        builder.HasIndex(w => w.Name).HasDatabaseName("ix_websites_name");
        builder.HasIndex(w => w.IsActive).HasDatabaseName("ix_websites_is_active");
    }
}

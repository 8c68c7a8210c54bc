namespace StockBot.Data.Configurations;

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasIndex(t => t.TokenHash).IsUnique();
    }
}

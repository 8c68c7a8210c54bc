namespace StockBot.Data.Configurations;

public sealed class BotStateConfiguration : IEntityTypeConfiguration<BotState>
{
    public void Configure(EntityTypeBuilder<BotState> builder)
    {
        builder.ToTable("bot_state");
        builder.HasKey(s => s.Key);
    }
}

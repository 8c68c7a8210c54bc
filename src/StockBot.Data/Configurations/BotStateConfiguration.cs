using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockBot.Data.Entities;

namespace StockBot.Data.Configurations;

public sealed class BotStateConfiguration : IEntityTypeConfiguration<BotState>
{
    public void Configure(EntityTypeBuilder<BotState> builder)
    {
        builder.ToTable("bot_state");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).IsVarchar(100);
        builder.Property(s => s.Value).IsRequired();
    }
}

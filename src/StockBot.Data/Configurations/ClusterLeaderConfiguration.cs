namespace StockBot.Data.Configurations;

public sealed class ClusterLeaderConfiguration : IEntityTypeConfiguration<ClusterLeader>
{
    public void Configure(EntityTypeBuilder<ClusterLeader> builder)
    {
        builder.ToTable("cluster_leaders");
        builder.HasKey(l => l.Role);
    }
}

namespace StockBot.Data.Configurations;

public sealed class ClusterInstanceConfiguration : IEntityTypeConfiguration<ClusterInstance>
{
    public void Configure(EntityTypeBuilder<ClusterInstance> builder)
    {
        builder.ToTable("cluster_instances");
        builder.HasKey(i => i.Name);
    }
}

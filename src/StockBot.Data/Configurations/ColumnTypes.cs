namespace StockBot.Data.Configurations;

/// <summary>The specification's VARCHAR(n) for every text column with a length ([MaxLength] on the entity, as the specification's models declare it).</summary>
public static class ColumnTypes
{
    public static ModelBuilder UseVarcharForMaxLength(this ModelBuilder modelBuilder)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.GetMaxLength() is { } length)
            {
                property.SetColumnType($"VARCHAR({length})");
            }
        }

        return modelBuilder;
    }
}

namespace StockBot.Data.Configurations;

/// <summary>
/// Key and foreign-key names as the migration has them. They follow EF Core's own pattern (PK_table,
/// FK_table_principal_column), which the snake_case convention would lower-case: one rule here instead of
/// a hand-typed name on every key.
/// </summary>
public static class ConstraintNames
{
    public static ModelBuilder UseMigrationConstraintNames(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            entity.FindPrimaryKey()?.SetName($"PK_{table}");
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                var columns = string.Join('_', foreignKey.Properties.Select(p => p.GetColumnName()));
                foreignKey.SetConstraintName($"FK_{table}_{foreignKey.PrincipalEntityType.GetTableName()}_{columns}");
            }
        }

        return modelBuilder;
    }
}

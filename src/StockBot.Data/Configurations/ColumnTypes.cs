using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockBot.Data.Configurations;

public static class ColumnTypes
{
    /// <summary>The specification's VARCHAR(n): the declared column type and the length EF Core validates.</summary>
    public static PropertyBuilder<T> IsVarchar<T>(this PropertyBuilder<T> property, int length) =>
        property.HasColumnType($"VARCHAR({length})").HasMaxLength(length);
}

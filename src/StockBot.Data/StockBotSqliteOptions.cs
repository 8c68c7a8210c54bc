using System.Data.Common;
using StockBot.Data.Providers;

namespace StockBot.Data;

/// <summary>
/// How every StockBot context reaches SQLite: the host, design-time tooling and tests alike, so the snake_case
/// column convention (which the migration's names were built with) is never left out of one of them.
/// </summary>
public static class StockBotSqliteOptions
{
    public static DbContextOptionsBuilder<StockBotDbContext> UseStockBotSqlite(this DbContextOptionsBuilder<StockBotDbContext> options, string connectionString) =>
        options.UseSqlite(connectionString).UseSnakeCaseNamingConvention().ConfigureWarnings(QuietWarnings.Apply);

    public static DbContextOptionsBuilder<StockBotDbContext> UseStockBotSqlite(this DbContextOptionsBuilder<StockBotDbContext> options, DbConnection connection) =>
        options.UseSqlite(connection).UseSnakeCaseNamingConvention().ConfigureWarnings(QuietWarnings.Apply);

    public static DbContextOptionsBuilder UseStockBotSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).UseSnakeCaseNamingConvention().ConfigureWarnings(QuietWarnings.Apply);
}

using StockBot.Data.Providers;

namespace StockBot.Data;

/// <summary>
/// How every StockBot context reaches PostgreSQL (Npgsql): the same snake_case names as on SQLite, and the
/// migrations from their own assembly (src/StockBot.Data.Postgres), built from the same model.
/// </summary>
public static class StockBotPostgresOptions
{
    /// <summary>The assembly holding the PostgreSQL migrations; the host references it.</summary>
    public const string MigrationsAssembly = "StockBot.Data.Postgres";

    public static DbContextOptionsBuilder<StockBotDbContext> UseStockBotPostgres(this DbContextOptionsBuilder<StockBotDbContext> options, string connectionString)
    {
        ((DbContextOptionsBuilder)options).UseStockBotPostgres(connectionString);
        return options;
    }

    public static DbContextOptionsBuilder UseStockBotPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention()
            .ConfigureWarnings(QuietWarnings.Apply);
}

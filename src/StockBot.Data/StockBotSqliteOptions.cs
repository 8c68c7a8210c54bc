using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StockBot.Data;

/// <summary>
/// How every StockBot context reaches SQLite: the host, design-time tooling and tests alike, so the snake_case
/// column convention (which the migration's names were built with) is never left out of one of them.
/// </summary>
public static class StockBotSqliteOptions
{
    public static DbContextOptionsBuilder<StockBotDbContext> UseStockBotSqlite(this DbContextOptionsBuilder<StockBotDbContext> options, string connectionString) =>
        options.UseSqlite(connectionString).UseSnakeCaseNamingConvention().ConfigureWarnings(Quiet);

    public static DbContextOptionsBuilder<StockBotDbContext> UseStockBotSqlite(this DbContextOptionsBuilder<StockBotDbContext> options, DbConnection connection) =>
        options.UseSqlite(connection).UseSnakeCaseNamingConvention().ConfigureWarnings(Quiet);

    public static DbContextOptionsBuilder UseStockBotSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).UseSnakeCaseNamingConvention().ConfigureWarnings(Quiet);

    // SQLite rebuilds a table to change a column (StorefrontMode does) with PRAGMA foreign_keys, which cannot run in a
    // transaction. EF says so at every migrate; it is how EF migrates SQLite, not something an operator can act on.
    // A failed command's, connection's or transaction's log (SQL text, no exception, at error level) comes before the exception, which its
    // caller reports in one line (the CLI, the schedule's jobs; DatabaseFaults names a broken file); --verbose still shows it.
    private static void Quiet(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning)
            .Log(
                (RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug),
                (RelationalEventId.ConnectionError, Microsoft.Extensions.Logging.LogLevel.Debug),
                (RelationalEventId.TransactionError, Microsoft.Extensions.Logging.LogLevel.Debug));
}

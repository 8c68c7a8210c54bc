using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StockBot.Data.Providers;

/// <summary>The warnings and failure logs every StockBot context sets the same way, whatever the engine.</summary>
internal static class QuietWarnings
{
    // SQLite rebuilds a table to change a column (StorefrontMode does) with PRAGMA foreign_keys, which cannot run in a
    // transaction. EF says so at every migrate; it is how EF migrates SQLite, not something an operator can act on.
    // A failed command's, connection's or transaction's log (SQL text, no exception, at error level) comes before the exception, which its
    // caller reports in one line (the CLI, the schedule's jobs; the dialect names a broken database); --verbose still shows it.
    public static void Apply(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning)
            .Log(
                (RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug),
                (RelationalEventId.ConnectionError, Microsoft.Extensions.Logging.LogLevel.Debug),
                (RelationalEventId.TransactionError, Microsoft.Extensions.Logging.LogLevel.Debug));
}

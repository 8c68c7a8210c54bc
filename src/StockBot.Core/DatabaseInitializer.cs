using StockBot.Data.Providers;

namespace StockBot.Core;

public sealed record MigrationResult(IReadOnlyList<string> Applied, string? LastMigration);

public sealed class DatabaseInitializer(StockBotDbContext db, DatabaseDialect dialect)
{
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);

            // What the engine keeps in the database itself once the schema is there (SQLite: WAL).
            foreach (var statement in dialect.AfterMigrationStatements)
            {
                await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
            }
        }
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        return new MigrationResult(pending, applied.LastOrDefault());
    }

    public async Task DropAsync(CancellationToken cancellationToken) =>
        await db.Database.EnsureDeletedAsync(cancellationToken);
}

namespace StockBot.Core;

public sealed record MigrationResult(IReadOnlyList<string> Applied, string? LastMigration);

public sealed class DatabaseInitializer(StockBotDbContext db)
{
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);

            // WAL lets the running bot and a CLI command read and write the same file at once. The mode is
            // stored in the file, so setting it when the schema is created or upgraded is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        return new MigrationResult(pending, applied.LastOrDefault());
    }

    public async Task DropAsync(CancellationToken cancellationToken) =>
        await db.Database.EnsureDeletedAsync(cancellationToken);
}

using System.CommandLine;
using StockBot.Core;
using StockBot.Core.Sample;

namespace StockBot.Host.Cli;

internal static class DbCommands
{
    public static Command Build(CommandRunner runner)
    {
        var db = new Command("db", "Create, migrate and fill the database");

        var sample = Args.Flag("--sample-data", "Add 2 websites, 3 monitors and 3 days of history");
        var drop = Args.Flag("--drop-existing", "Delete the database first (everything in it is lost)");
        var init = Args.Command("init", "Create the database (or bring it up to date)", sample, drop);
        init.SetAction((parse, ct) => runner.RunAsync(
            parse,
            async c =>
            {
                var initializer = c.Get<DatabaseInitializer>();
                if (parse.GetValue(drop))
                {
                    await initializer.DropAsync(c.CancellationToken);
                }

                var migration = await initializer.MigrateAsync(c.CancellationToken);
                SampleDataResult? seeded = null;
                if (parse.GetValue(sample))
                {
                    seeded = await c.Get<SampleDataSeeder>().SeedAsync(c.CancellationToken);
                }

                if (c.Output.Json)
                {
                    c.Output.WriteJson(new { migrations_applied = migration.Applied, schema_version = migration.LastMigration, sample_data = seeded });
                    return;
                }

                c.Output.Line(migration.Applied.Count > 0
                    ? $"Database ready: applied {migration.Applied.Count} migration(s), schema {migration.LastMigration}."
                    : $"Database ready: schema {migration.LastMigration} is up to date.");
                if (seeded is not null)
                {
                    c.Output.Line($"Sample data: {seeded.Websites} websites, {seeded.Monitors} monitors, {seeded.StockRecords} stock records, {seeded.Events} events.");
                    c.Output.Line("Try: stockbot status, stockbot history 1 --chart h.png");
                }
            },
            ct,
            migrate: false));
        db.Subcommands.Add(init);

        var migrate = Args.Command("migrate", "Apply pending schema migrations");
        migrate.SetAction((parse, ct) => runner.RunAsync(
            parse,
            async c =>
            {
                var migration = await c.Get<DatabaseInitializer>().MigrateAsync(c.CancellationToken);
                if (c.Output.Json)
                {
                    c.Output.WriteJson(new { migrations_applied = migration.Applied, schema_version = migration.LastMigration });
                    return;
                }

                c.Output.Line(migration.Applied.Count > 0
                    ? $"Applied {migration.Applied.Count} migration(s): {string.Join(", ", migration.Applied)}."
                    : $"Nothing to apply: schema {migration.LastMigration} is up to date.");
            },
            ct,
            migrate: false));
        db.Subcommands.Add(migrate);
        return db;
    }
}

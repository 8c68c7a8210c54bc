using StockBot.Core;
using StockBot.Core.Maintenance;
using StockBot.Core.Sample;

namespace StockBot.Host.Cli;

/// <summary>`stockbot db ...`: the database's life (create, migrate, back up, count, prune), which chat does not touch.</summary>
internal static class DbCommands
{
    public static Command Build(CommandRunner runner)
    {
        var db = new Command("db", "Create, migrate and fill the database");

        var sample = Args.Flag("--sample-data", "Add 2 websites, 3 monitors and 3 days of history");
        var drop = Args.Flag("--drop-existing", "Delete the database first (everything in it is lost; asks first, or needs --yes)");
        var yes = Args.Flag("--yes", "Confirm without asking (for scripts)");
        var init = Args.Command("init", "Create the database (or bring it up to date)", sample, drop, yes);
        init.SetAction((parse, ct) => runner.RunAsync(
            parse,
            async c =>
            {
                var initializer = c.Get<DatabaseInitializer>();
                if (parse.GetValue(drop))
                {
                    var where = c.Get<DatabaseMaintenance>().Location;
                    c.Environment.Confirm($"Delete {where} and everything in it?", parse.GetValue(yes), $"--drop-existing deletes {where} and everything in it");
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
                c.Output.Result(
                    new { migrations_applied = migration.Applied, schema_version = migration.LastMigration },
                    migration.Applied.Count > 0
                    ? $"Applied {migration.Applied.Count} migration(s): {string.Join(", ", migration.Applied)}."
                    : $"Nothing to apply: schema {migration.LastMigration} is up to date.");
            },
            ct,
            migrate: false));
        db.Subcommands.Add(migrate);

        var file = new Argument<string>("file") { Description = "Where to write the copy (a new .db file)" };
        var overwrite = Args.Flag("--overwrite", "Replace the file if it exists");
        var backup = Args.Command("backup", "Copy the database consistently, even while the bot runs", file, overwrite);
        backup.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var result = await CliProgress.RunAsync(c, "Backing up the database…", () => c.Get<DatabaseMaintenance>().BackupAsync(parse.GetValue(file)!, parse.GetValue(overwrite), c.CancellationToken));
            c.Output.Result(result, $"Backed up to {result.File} ({Size(result.Bytes)}; integrity check: {result.IntegrityCheck})."
                + Environment.NewLine + "Keep the encryption key (Security:EncryptionKey or stockbot.key beside the database) with it: the API secrets need it.");
        }, ct));
        db.Subcommands.Add(backup);

        var source = new Argument<string>("file") { Description = "The backup to restore (a file `db backup` wrote)" };
        var restoreYes = Args.Flag("--yes", "Confirm without asking (for scripts)");
        var restore = Args.Command("restore", "Replace the database with a backup, after checking its integrity, schema and key", source, restoreYes);
        restore.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var restorer = c.Get<DatabaseRestore>();
            var check = await restorer.CheckAsync(parse.GetValue(source)!, c.CancellationToken);
            var where = c.Get<DatabaseMaintenance>().Location;
            c.Environment.Confirm(
                $"Replace {where} with {check.File} ({check.Websites} websites, {check.Monitors} monitors, {check.Subscriptions} subscriptions)? The current database is kept as a copy.",
                parse.GetValue(restoreYes),
                $"db restore replaces {where}");
            var result = await CliProgress.RunAsync(c, "Restoring the backup…", () => restorer.RestoreAsync(check.File, c.CancellationToken));
            c.Output.Result(
                new { file = check.File, websites = check.Websites, monitors = check.Monitors, subscriptions = check.Subscriptions, integrity_check = check.IntegrityCheck, previous_copy = result.PreviousCopy, migrations_applied = result.MigrationsApplied },
                $"Restored {check.File}: {check.Websites} websites, {check.Monitors} monitors, {check.Subscriptions} subscriptions (integrity check: {check.IntegrityCheck}; the encryption key opens its {check.Secrets} secret(s))."
                + (result.PreviousCopy is null ? string.Empty : Environment.NewLine + $"The database it replaced is kept as {result.PreviousCopy}."));
        }, ct));
        db.Subcommands.Add(restore);

        var stats = Args.Command("stats", "Row counts and file size");
        stats.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var result = await c.Get<DatabaseMaintenance>().StatsAsync(c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(result);
                return;
            }

            c.Output.Line($"{result.File ?? "in-memory database"}: {Size(result.FileBytes)} (+ {Size(result.WalBytes)} write-ahead log)");
            c.Output.Table(["TABLE", "ROWS"], result.Tables.Select(t => (IReadOnlyList<string>)[t.Table, t.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)]), "No tables.");
        }, ct));
        db.Subcommands.Add(stats);

        var prune = Args.Command("prune", "Apply retention now (it also runs daily): thin old unchanged records, drop old delivered alerts");
        prune.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var result = await c.Get<DatabaseMaintenance>().ApplyRetentionAsync(c.CancellationToken);
            c.Output.Result(result, $"Thinned {result.UnchangedRecordsThinned} unchanged stock record(s) older than {result.RecordsBeforeUtc:yyyy-MM-dd}; deleted {result.DeliveredAlertsDeleted} delivered alert(s) older than {result.AlertsBeforeUtc:yyyy-MM-dd}.");
        }, ct));
        db.Subcommands.Add(prune);
        return db;
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MiB",
    };
}

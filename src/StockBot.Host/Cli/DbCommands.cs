using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using StockBot.Core;
using StockBot.Core.Configuration;
using StockBot.Core.Maintenance;
using StockBot.Core.Security;
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

        var to = Args.Opt<string>("--to", "The PostgreSQL database to copy into (an Npgsql connection string; it must be empty)", required: true);
        var copy = Args.Command("copy", "Copy this SQLite database, every table, ids and encrypted secrets as they are, into an empty PostgreSQL database", to);
        copy.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var target = parse.GetValue(to)!;
            var shown = DatabaseCopier.Describe(target);
            var copier = ActivatorUtilities.CreateInstance<DatabaseCopier>(c.Services);
            var result = await CopyWithProgressAsync(c, copier, target, shown);
            if (c.Output.Json)
            {
                c.Output.WriteJson(new { target = result.Target, tables = result.Tables.Select(t => new { name = t.Name, rows = t.Rows }), total_rows = result.TotalRows, seconds = result.Seconds, migrations_applied = result.MigrationsApplied });
                return;
            }

            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            c.Output.Line($"Copied {result.Tables.Count} tables, {result.TotalRows.ToString("N0", invariant)} rows in {result.Seconds.ToString("0.#", invariant)} s to PostgreSQL {result.Target}.");
            c.Output.Table(["TABLE", "ROWS"], result.Tables.Select(t => (IReadOnlyList<string>)[t.Name, t.Rows.ToString("N0", invariant)]), "No tables.");
            var configuredKey = c.Get<IOptions<SecurityOptions>>().Value.EncryptionKey;
            var key = string.IsNullOrWhiteSpace(configuredKey)
                ? $"the contents of {Path.Combine(Path.GetDirectoryName(c.Get<DatabaseMaintenance>().FilePath) ?? ".", EncryptionKeyProvider.KeyFileName)}"
                : "the Security:EncryptionKey this copy ran with";
            c.Output.Line($"The API secrets and webhook URLs were copied as ciphertext: they open with this database's key only. The key stays yours: set Security__EncryptionKey to {key}.");
            c.Output.Line("Next: stop the bot if it still runs on SQLite, set Database__Provider=postgres and ConnectionStrings__StockBot=<the --to string> (and Security__EncryptionKey), then start it.");
        }, ct));
        db.Subcommands.Add(copy);

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

    /// <summary>The copy, with its progress on stderr: a spinner at a terminal, else a line now and then for a long table; nothing with --json.</summary>
    private static async Task<DatabaseCopyResult> CopyWithProgressAsync(CliInvocation c, DatabaseCopier copier, string target, string shown)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        static string Describe(DatabaseCopyProgress p, IFormatProvider format) =>
            string.Create(format, $"{p.Table}: {p.Rows:N0} of {p.TableRows:N0} rows");
        if (c.Output.Json)
        {
            return await copier.CopyAsync(target, null, c.CancellationToken);
        }

        if (!c.Environment.Interactive)
        {
            var lines = new Reporter(p =>
            {
                if (p.TableRows >= DatabaseCopier.ProgressEvery && p.Rows > 0)
                {
                    c.Environment.Error.WriteLine(Describe(p, invariant));
                }
            });
            return await copier.CopyAsync(target, lines, c.CancellationToken);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(c.Environment.Error),
            Interactive = InteractionSupport.Yes,
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(
            Markup.Escape($"Copying to {shown}…"),
            status => copier.CopyAsync(target, new Reporter(p => status.Status(Markup.Escape($"Copying to {shown}: {Describe(p, invariant)}"))), c.CancellationToken));
    }

    /// <summary>Reports on the copier's own thread, in order (Progress&lt;T&gt; would post them elsewhere, out of order).</summary>
    private sealed class Reporter(Action<DatabaseCopyProgress> report) : IProgress<DatabaseCopyProgress>
    {
        public void Report(DatabaseCopyProgress value) => report(value);
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MiB",
    };
}

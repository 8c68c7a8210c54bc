using StockBot.Core;
using StockBot.Core.Commands;
using StockBot.Core.Monitors;

namespace StockBot.Host.Cli;

/// <summary>`stockbot monitor ...`: the catalog's monitor commands, plus show, with the CLI's older spellings still accepted.</summary>
internal static class MonitorCommands
{
    public static Command Build(CommandRunner runner, CommandCatalog catalog)
    {
        var monitor = new CatalogGroup(catalog, MonitorHandlers.Group, positional: "monitor");

        var add = monitor.Verb("add")
            .Negation("restock", "--no-restock", "No alerts on stock increases (same as --restock false)")
            .Negation("purchase", "--no-purchase", "No alerts on stock decreases (same as --purchase false)")
            .Negation("threshold", "--no-threshold", "No alerts on threshold crossings (same as --threshold false)")
            .Negation("verify", "--no-verify", "Add it without asking the website (same as --verify false)");
        monitor.Add(add.Runs(runner, async (c, a) =>
        {
            var input = MonitorHandlers.InputOf(a);
            var note = await MonitorHandlers.VerifyAsync(c.Get<ProductVerifier>(), a, input, c.CancellationToken);
            var created = await c.Get<MonitorService>().CreateAsync(input, c.CancellationToken);
            if (note is not null && !c.Output.Json)
            {
                await c.Environment.Error.WriteLineAsync($"warning: {note}");
            }

            Show(c.Output, created, $"Added monitor {created.Id}: product {created.ProductId} on {created.WebsiteName}");
        }));

        monitor.Add(monitor.Verb("list").Runs(runner, async (c, a) =>
        {
            var monitors = await c.Get<MonitorService>().ListAsync(a.Int("website"), c.CancellationToken);
            c.Output.Rows(
                monitors,
                ["ID", "WEBSITE", "PID", "PRODUCT", "STATUS", "LOW", "HIGH", "PUBLIC", "CHECKED"],
                m => [Number(m.Id), m.WebsiteName, Number(m.ProductId), m.ProductName ?? "-", m.Status, Number(m.ThresholdLow), Number(m.ThresholdHigh), m.IsPublic ? "yes" : "-", c.Output.Ago(m.LastCheckedAt)],
                "No monitors yet. Add one: stockbot monitor add --website ID --product PID");
        }));

        monitor.Add(Args.Show(runner, "monitor", async (c, id) => Show(c.Output, await c.Get<MonitorService>().GetAsync(id, c.CancellationToken), null)));

        var clearLow = Args.Flag("--clear-low", "Remove the low threshold");
        var clearHigh = Args.Flag("--clear-high", "Remove the high threshold");
        var clearLink = Args.Flag("--clear-purchase-link", "Use the WHMCS cart link again");
        var edit = monitor.Verb("edit").AlsoNamed("update")
            .Alias("restock", "--notify-restock").Alias("purchase", "--notify-purchase").Alias("threshold", "--notify-threshold")
            .Negation("restock", "--no-restock", "No alerts on stock increases (same as --restock false)")
            .Negation("purchase", "--no-purchase", "No alerts on stock decreases (same as --purchase false)")
            .Negation("threshold", "--no-threshold", "No alerts on threshold crossings (same as --threshold false)")
            .With(clearLow, clearHigh, clearLink);
        monitor.Add(edit.Runs(runner, async (c, a) =>
        {
            var changes = MonitorHandlers.UpdateOf(a, c.Value(clearLow), c.Value(clearHigh), c.Value(clearLink));
            if (changes == new MonitorUpdate())
            {
                throw new InputException("options", "nothing to change; give at least one option (see stockbot monitor update --help)");
            }

            var updated = await c.Get<MonitorService>().UpdateAsync(a.RequiredInt("monitor"), changes, c.CancellationToken);
            Show(c.Output, updated, $"Updated monitor {updated.Id}");
        }));

        monitor.Add(monitor.Verb("pause").Runs(runner, async (c, a) =>
            Show(c.Output, await c.Get<MonitorService>().PauseAsync(a.RequiredInt("monitor"), c.CancellationToken), $"Paused monitor {a.RequiredInt("monitor")}")));
        monitor.Add(monitor.Verb("resume").Runs(runner, async (c, a) =>
            Show(c.Output, await c.Get<MonitorService>().ResumeAsync(a.RequiredInt("monitor"), c.CancellationToken), $"Resumed monitor {a.RequiredInt("monitor")}")));

        monitor.Add(monitor.Verb("remove").Runs(runner, async (c, a) =>
        {
            var result = await c.Get<MonitorService>().RemoveAsync(a.RequiredInt("monitor"), a.Bool("force") ?? false, c.CancellationToken);
            c.Output.Result(result, $"Removed monitor {result.Id} ({result.Name}) with {result.StockRecordsRemoved} stock record(s) and {result.EventsRemoved} event(s).");
        }));
        return monitor.Command;
    }

    private static void Show(CliOutput output, MonitorView monitor, string? headline)
    {
        string Flag(bool on) => on ? "on" : "off";
        output.Details(monitor, headline, () =>
        [
            ("id", Number(monitor.Id)),
            ("website", $"{monitor.WebsiteName} ({monitor.WebsiteId})"),
            ("product", $"{monitor.ProductName ?? "-"} (pid {monitor.ProductId})"),
            ("status", monitor.Status + (monitor.LastError is null ? string.Empty : $": {monitor.LastError}")),
            ("thresholds", $"low {Number(monitor.ThresholdLow)}, high {Number(monitor.ThresholdHigh)}"),
            ("alerts", $"restock {Flag(monitor.NotifyOnRestock)}, purchase {Flag(monitor.NotifyOnPurchase)}, threshold {Flag(monitor.NotifyOnThreshold)}"),
            ("buy link", monitor.BuyLink),
            ("public", monitor.IsPublic ? "yes (on the public stock page)" : "no"),
            ("checked", output.Ago(monitor.LastCheckedAt)),
        ]);
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}

using System.CommandLine;
using StockBot.Core;
using StockBot.Core.Monitors;

namespace StockBot.Host.Cli;

internal static class MonitorCommands
{
    public static Command Build(CommandRunner runner)
    {
        var monitor = new Command("monitor", "Manage product monitors");

        var website = Args.Opt<int>("--website", "Website id", required: true);
        var product = Args.Opt<int>("--product", "WHMCS product id (pid)", required: true);
        var name = Args.Opt<string>("--name", "Product name to show (1-255 characters)");
        var low = Args.Opt<int?>("--low", "Alert when stock falls below this (0 or more)");
        var high = Args.Opt<int?>("--high", "Alert when stock rises above this (0 or more)");
        var link = Args.Opt<string>("--purchase-link", "Buy link, http(s); default: the WHMCS cart link");
        var noRestock = Args.Flag("--no-restock", "No alerts on stock increases");
        var noPurchase = Args.Flag("--no-purchase", "No alerts on stock decreases");
        var noThreshold = Args.Flag("--no-threshold", "No alerts on threshold crossings");
        var add = Args.Command("add", "Monitor a product", website, product, name, low, high, link, noRestock, noPurchase, noThreshold);
        add.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var created = await c.Get<MonitorService>().CreateAsync(
                new MonitorInput(
                    parse.GetValue(website),
                    parse.GetValue(product),
                    parse.GetValue(name),
                    parse.GetValue(low),
                    parse.GetValue(high),
                    parse.GetValue(link),
                    !parse.GetValue(noRestock),
                    !parse.GetValue(noPurchase),
                    !parse.GetValue(noThreshold)),
                c.CancellationToken);
            Show(c.Output, created, $"Added monitor {created.Id}: product {created.ProductId} on {created.WebsiteName}");
        }, ct));
        monitor.Subcommands.Add(add);

        var listWebsite = Args.Opt<int?>("--website", "Only this website's monitors");
        var list = Args.Command("list", "List monitors", listWebsite);
        list.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var monitors = await c.Get<MonitorService>().ListAsync(parse.GetValue(listWebsite), c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(monitors);
                return;
            }

            c.Output.Table(
                ["ID", "WEBSITE", "PID", "PRODUCT", "STATUS", "LOW", "HIGH", "CHECKED"],
                monitors.Select(m => (IReadOnlyList<string>)[m.Id.ToString(), m.WebsiteName, m.ProductId.ToString(), m.ProductName ?? "-", m.Status, m.ThresholdLow?.ToString() ?? "-", m.ThresholdHigh?.ToString() ?? "-", c.Output.Ago(m.LastCheckedAt)]),
                "No monitors yet. Add one: stockbot monitor add --website ID --product PID");
        }, ct));
        monitor.Subcommands.Add(list);

        var showId = Args.Id("id", "Monitor id");
        var show = Args.Command("show", "Show one monitor", showId);
        show.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
            Show(c.Output, await c.Get<MonitorService>().GetAsync(parse.GetValue(showId), c.CancellationToken), null), ct));
        monitor.Subcommands.Add(show);

        var updateId = Args.Id("id", "Monitor id");
        var newName = Args.Opt<string>("--name", "New product name");
        var newLow = Args.Opt<int?>("--low", "New low threshold (0 or more)");
        var newHigh = Args.Opt<int?>("--high", "New high threshold (0 or more)");
        var newLink = Args.Opt<string>("--purchase-link", "New buy link, http(s)");
        var clearLow = Args.Flag("--clear-low", "Remove the low threshold");
        var clearHigh = Args.Flag("--clear-high", "Remove the high threshold");
        var clearLink = Args.Flag("--clear-purchase-link", "Use the WHMCS cart link again");
        var restock = Args.Opt<bool?>("--notify-restock", "Alerts on stock increases: true or false");
        var purchase = Args.Opt<bool?>("--notify-purchase", "Alerts on stock decreases: true or false");
        var threshold = Args.Opt<bool?>("--notify-threshold", "Alerts on threshold crossings: true or false");
        var update = Args.Command("update", "Change a monitor", updateId, newName, newLow, newHigh, newLink, clearLow, clearHigh, clearLink, restock, purchase, threshold);
        update.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var changes = new MonitorUpdate(
                parse.GetValue(newName), parse.GetValue(newLow), parse.GetValue(newHigh), parse.GetValue(newLink),
                parse.GetValue(restock), parse.GetValue(purchase), parse.GetValue(threshold),
                parse.GetValue(clearLow), parse.GetValue(clearHigh), parse.GetValue(clearLink));
            if (changes == new MonitorUpdate())
            {
                throw new InputException("options", "nothing to change; give at least one option (see stockbot monitor update --help)");
            }

            var updated = await c.Get<MonitorService>().UpdateAsync(parse.GetValue(updateId), changes, c.CancellationToken);
            Show(c.Output, updated, $"Updated monitor {updated.Id}");
        }, ct));
        monitor.Subcommands.Add(update);

        var pauseId = Args.Id("id", "Monitor id");
        var pause = Args.Command("pause", "Stop checking this monitor", pauseId);
        pause.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
            Show(c.Output, await c.Get<MonitorService>().PauseAsync(parse.GetValue(pauseId), c.CancellationToken), $"Paused monitor {parse.GetValue(pauseId)}"), ct));
        monitor.Subcommands.Add(pause);

        var resumeId = Args.Id("id", "Monitor id");
        var resume = Args.Command("resume", "Check this monitor again", resumeId);
        resume.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
            Show(c.Output, await c.Get<MonitorService>().ResumeAsync(parse.GetValue(resumeId), c.CancellationToken), $"Resumed monitor {parse.GetValue(resumeId)}"), ct));
        monitor.Subcommands.Add(resume);

        var removeId = Args.Id("id", "Monitor id");
        var force = Args.Flag("--force", "Also remove its stock records and events");
        var remove = Args.Command("remove", "Remove a monitor", removeId, force);
        remove.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var result = await c.Get<MonitorService>().RemoveAsync(parse.GetValue(removeId), parse.GetValue(force), c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(result);
                return;
            }

            c.Output.Line($"Removed monitor {result.Id} ({result.Name}) with {result.StockRecordsRemoved} stock record(s) and {result.EventsRemoved} event(s).");
        }, ct));
        monitor.Subcommands.Add(remove);
        return monitor;
    }

    private static void Show(CliOutput output, MonitorView monitor, string? headline)
    {
        if (output.Json)
        {
            output.WriteJson(monitor);
            return;
        }

        if (headline is not null)
        {
            output.Line(headline);
        }

        string Flag(bool on) => on ? "on" : "off";
        output.KeyValues(
        [
            ("id", monitor.Id.ToString()),
            ("website", $"{monitor.WebsiteName} ({monitor.WebsiteId})"),
            ("product", $"{monitor.ProductName ?? "-"} (pid {monitor.ProductId})"),
            ("status", monitor.Status + (monitor.LastError is null ? string.Empty : $": {monitor.LastError}")),
            ("thresholds", $"low {monitor.ThresholdLow?.ToString() ?? "-"}, high {monitor.ThresholdHigh?.ToString() ?? "-"}"),
            ("alerts", $"restock {Flag(monitor.NotifyOnRestock)}, purchase {Flag(monitor.NotifyOnPurchase)}, threshold {Flag(monitor.NotifyOnThreshold)}"),
            ("buy link", monitor.BuyLink),
            ("checked", output.Ago(monitor.LastCheckedAt)),
        ]);
    }
}

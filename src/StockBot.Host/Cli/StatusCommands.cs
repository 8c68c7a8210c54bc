using System.CommandLine;
using StockBot.Core;
using StockBot.Core.History;
using StockBot.Core.Status;

namespace StockBot.Host.Cli;

internal static class StatusCommands
{
    public static Command BuildStatus(CommandRunner runner)
    {
        var id = new Argument<int?>("monitor-id") { Description = "One monitor; all when left out", Arity = ArgumentArity.ZeroOrOne };
        var status = Args.Command("status", "What each monitor shows now", id);
        status.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var service = c.Get<StatusService>();
            var now = c.Get<TimeProvider>().GetUtcNow().UtcDateTime;
            if (parse.GetValue(id) is { } monitorId)
            {
                var summary = await service.GetStatusSummaryAsync(monitorId, c.CancellationToken);
                if (c.Output.Json)
                {
                    c.Output.WriteJson(summary);
                    return;
                }

                c.Output.Line($"{summary.Product} @ {summary.Website}: {StatusText.Stock(summary, now)}");
                c.Output.KeyValues(
                [
                    ("monitor", summary.MonitorId.ToString()),
                    ("status", summary.Status + (summary.LastError is null ? string.Empty : $": {summary.LastError}")),
                    ("region", summary.Region),
                    ("thresholds", $"low {summary.ThresholdLow?.ToString() ?? "-"}, high {summary.ThresholdHigh?.ToString() ?? "-"}" + (summary.ThresholdBreached is { } t ? $" ({t} threshold breached)" : string.Empty)),
                    ("checked", StatusText.Ago(summary.LastCheckedAt, now)),
                    ("last change", StatusText.Ago(summary.LastChangeAt, now)),
                    ("buy", summary.BuyLink),
                ]);
                return;
            }

            var all = await service.GetAllStatusAsync(c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(all);
                return;
            }

            c.Output.Table(
                ["ID", "PRODUCT", "WEBSITE", "STOCK", "STATUS", "CHECKED"],
                all.Select(s => (IReadOnlyList<string>)[s.MonitorId.ToString(), s.Product, s.Website, StatusText.Stock(s, now), s.Status, StatusText.Ago(s.LastCheckedAt, now)]),
                "No monitors yet. Add one: stockbot monitor add --website ID --product PID");
        }, ct));
        return status;
    }

    public static Command BuildHistory(CommandRunner runner)
    {
        var id = Args.Id("monitor-id", "Monitor id");
        var limit = new Option<int?>("--limit") { Description = "How many rows, newest first (default 20; 1000 points for --chart)" };
        var events = Args.Flag("--events", "Show monitor events instead of stock records");
        var chart = Args.Opt<FileInfo>("--chart", "Also write a PNG chart of stock over time to this file");
        var history = Args.Command("history", "Stock records or events of one monitor, newest first", id, limit, events, chart);
        history.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var monitorId = parse.GetValue(id);
            var service = c.Get<StatusService>();
            var now = c.Get<TimeProvider>().GetUtcNow().UtcDateTime;
            var rows = parse.GetValue(limit) ?? 20;
            if (parse.GetValue(chart) is { } file)
            {
                if (!file.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InputException("chart", "must be a file name ending in .png");
                }

                var rendered = await c.Get<HistoryChartService>().RenderAsync(monitorId, parse.GetValue(limit) ?? 1000, c.CancellationToken);
                file.Directory?.Create();
                await File.WriteAllBytesAsync(file.FullName, rendered.Png, c.CancellationToken);
                if (!c.Output.Json)
                {
                    c.Output.Line($"Chart of {rendered.Title} written to {file.FullName} ({rendered.Points} readings, {rendered.Events} events).");
                    return;
                }
            }

            if (parse.GetValue(events))
            {
                var list = await service.GetMonitorHistoryAsync(monitorId, rows, c.CancellationToken);
                if (c.Output.Json)
                {
                    c.Output.WriteJson(list);
                    return;
                }

                c.Output.Table(
                    ["WHEN", "EVENT", "FROM", "TO", "DELTA", "MESSAGE"],
                    list.Select(e => (IReadOnlyList<string>)[When(e.CreatedAt, now), e.EventType, e.FromQuantity?.ToString() ?? "-", e.ToQuantity.ToString(), Signed(e.Delta), e.Message ?? string.Empty]),
                    "No events yet.");
                return;
            }

            var records = await service.GetStockHistoryAsync(monitorId, rows, c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(records);
                return;
            }

            c.Output.Table(
                ["WHEN", "QUANTITY", "DELTA", "CHANGE", "AVAILABLE", "THRESHOLD"],
                records.Select(r => (IReadOnlyList<string>)[When(r.CreatedAt, now), r.Quantity.ToString(), Signed(r.Delta), r.ChangeType ?? "-", r.Available ? "yes" : "no", r.ThresholdBreached ? $"{r.ThresholdType} breached" : "-"]),
                "No stock records yet: the first check records one.");
        }, ct));
        return history;
    }

    private static string When(DateTime utc, DateTime now) =>
        $"{utc:yyyy-MM-dd HH:mm}Z ({StatusText.Ago(utc, now)})";

    private static string Signed(int value) => value > 0 ? $"+{value}" : value.ToString();
}

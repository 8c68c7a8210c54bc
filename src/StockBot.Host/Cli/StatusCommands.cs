using StockBot.Core;
using StockBot.Core.Commands;
using StockBot.Core.History;
using StockBot.Core.Status;

namespace StockBot.Host.Cli;

internal static class StatusCommands
{
    /// <summary>Rows `history` lists when no --limit is given (chat lists fewer: it also sends a chart).</summary>
    public const int HistoryRows = 20;

    /// <summary>Points of a --chart when no --limit is given.</summary>
    public const int ChartPoints = 1000;

    public static Command BuildStatus(CommandRunner runner, CommandCatalog catalog) =>
        new CatalogVerb(catalog.Get(StatusHandlers.StatusGroup, null), positional: "monitor").Runs(runner, async (c, a) =>
        {
            var service = c.Get<StatusService>();
            var now = c.Get<TimeProvider>().GetUtcNow().UtcDateTime;
            if (a.Int("monitor") is { } monitorId)
            {
                var summary = await service.GetStatusSummaryAsync(monitorId, c.CancellationToken);
                c.Output.Details(summary, $"{summary.Product} @ {summary.Website}: {StatusText.Stock(summary, now)}", () =>
                [
                    ("monitor", Number(summary.MonitorId)),
                    ("status", summary.Status + (summary.LastError is null ? string.Empty : $": {summary.LastError}")
                        + (summary.PausedUntil is { } until ? $" (website paused until {WebsiteHandlers.PausedText(until)})" : string.Empty)),
                    ("region", summary.Region),
                    ("thresholds", $"low {Number(summary.ThresholdLow)}, high {Number(summary.ThresholdHigh)}" + (summary.ThresholdBreached is { } t ? $" ({t} threshold breached)" : string.Empty)),
                    ("checked", StatusText.Ago(summary.LastCheckedAt, now)),
                    ("last change", StatusText.Ago(summary.LastChangeAt, now)),
                    ("buy", summary.BuyLink),
                ]);
                return;
            }

            var all = await service.GetAllStatusAsync(c.CancellationToken);
            c.Output.Rows(
                all,
                ["ID", "PRODUCT", "WEBSITE", "STOCK", "STATUS", "CHECKED"],
                s => [Number(s.MonitorId), s.Product, s.Website, StatusText.Stock(s, now), s.PausedUntil is { } paused ? $"paused until {WebsiteHandlers.PausedText(paused)}" : s.Status == "active" && s.LastError is not null ? "failing" : s.Status, StatusText.Ago(s.LastCheckedAt, now)],
                "No monitors yet. Add one: stockbot monitor add --website ID --product PID");

            // Monitors in error and channels that get nothing, with why: after the table, or on stderr with --json
            // (stdout stays the contract's array, where each error monitor has its last_error).
            var lines = all.Where(s => s.Status == "error" || (s.Status == "active" && s.LastError is not null))
                .Select(s => s.Status == "error"
                    ? $"Monitor {s.MonitorId} ({s.Product} @ {s.Website}) is in error: {s.LastError ?? "no reason recorded"}"
                    : $"Monitor {s.MonitorId} ({s.Product} @ {s.Website}) failed its last read (it turns error after Monitoring:ErrorAfterFailures in a row): {s.LastError}")
                .Concat((await service.GetSubscriptionProblemsAsync(c.CancellationToken)).Select(StatusText.Problem))
                .Concat(await service.GetQuietHoursAsync(c.CancellationToken))
                .ToList();
            var where = c.Output.Json ? c.Environment.Error : c.Output.Writer;
            if (lines.Count > 0 && !c.Output.Json)
            {
                c.Output.Line();
            }

            foreach (var line in lines)
            {
                await where.WriteLineAsync((c.Output.Json ? "warning: " : string.Empty) + line);
            }
        });

    public static Command BuildHistory(CommandRunner runner, CommandCatalog catalog)
    {
        var events = Args.Flag("--events", "Show monitor events instead of stock records");
        var chart = Args.Opt<FileInfo>("--chart", $"Also write a PNG chart of stock over time to this file ({ChartPoints} points unless --limit)");
        var history = new CatalogVerb(catalog.Get(StatusHandlers.HistoryGroup, null), positional: "monitor", description: "Stock records or events of one monitor, newest first")
            .With(events, chart);
        return history.Runs(runner, async (c, a) =>
        {
            var monitorId = a.RequiredInt("monitor");
            var service = c.Get<StatusService>();
            var now = c.Get<TimeProvider>().GetUtcNow().UtcDateTime;
            var rows = a.Int("limit") ?? HistoryRows;
            if (c.Value(chart) is { } file)
            {
                if (!file.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InputException("chart", "must be a file name ending in .png");
                }

                var rendered = await c.Get<HistoryChartService>().RenderAsync(monitorId, a.Int("limit") ?? ChartPoints, c.CancellationToken);
                file.Directory?.Create();
                await File.WriteAllBytesAsync(file.FullName, rendered.Png, c.CancellationToken);
                if (!c.Output.Json)
                {
                    c.Output.Line($"Chart of {rendered.Title} written to {file.FullName} ({rendered.Points} readings, {rendered.Events} events).");
                    return;
                }
            }

            if (c.Value(events))
            {
                c.Output.Rows(
                    await service.GetMonitorHistoryAsync(monitorId, rows, c.CancellationToken),
                    ["WHEN", "EVENT", "FROM", "TO", "DELTA", "MESSAGE"],
                    e => [When(e.CreatedAt, now), e.EventType, Number(e.FromQuantity), Number(e.ToQuantity), Signed(e.Delta), e.Message ?? string.Empty],
                    "No events yet.");
                return;
            }

            c.Output.Rows(
                await service.GetStockHistoryAsync(monitorId, rows, c.CancellationToken),
                ["WHEN", "QUANTITY", "DELTA", "CHANGE", "AVAILABLE", "THRESHOLD"],
                r => [When(r.CreatedAt, now), Number(r.Quantity), Signed(r.Delta), r.ChangeType ?? "-", r.Available ? "yes" : "no", r.ThresholdBreached ? $"{r.ThresholdType} breached" : "-"],
                "No stock records yet: the first check records one.");
        });
    }

    private static string When(DateTime utc, DateTime now) =>
        $"{utc:yyyy-MM-dd HH:mm}Z ({StatusText.Ago(utc, now)})";

    private static string Signed(int value) => value > 0 ? $"+{value}" : Number(value);

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}

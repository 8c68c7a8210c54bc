using StockBot.Core.History;
using StockBot.Core.Status;

namespace StockBot.Core.Commands;

/// <summary>`/status` and `/history`: the definitions every front end reads, and the chat replies.</summary>
public sealed class StatusHandlers(StatusService status, HistoryChartService charts)
{
    public const string StatusGroup = "status";
    public const string HistoryGroup = "history";

    /// <summary>Stock records a chat reply lists when no limit is given.</summary>
    public const int ChatHistoryRows = 10;

    // Points of the chart image in a chat reply.
    private const int ChatChartPoints = 500;

    internal static readonly IReadOnlyList<CommandDefinition> Definitions =
    [
        new(StatusGroup, null, "Stock now: all monitors, or one", CommandAccess.Everyone, [MonitorHandlers.MonitorId(false, "One monitor (default: all)")])
            { Handler = CommandDefinition.On<StatusHandlers>((h, c) => h.StatusAsync(c)) },
        new(HistoryGroup, null, "Stock history of a monitor, with a chart", CommandAccess.Everyone,
        [
            MonitorHandlers.MonitorId(),
            new("limit", CommandOptionType.Integer, "How many changes to list, newest first (default 10; 20 on the command line)", MinValue: 1, MaxValue: 50),
        ]) { Handler = CommandDefinition.On<StatusHandlers>((h, c) => h.HistoryAsync(c)) },
    ];

    private async Task<CommandReply> StatusAsync(CommandContext c)
    {
        if (c.Arguments.Int("monitor") is { } id)
        {
            var s = await status.GetStatusSummaryAsync(id, c.CancellationToken);
            var lines = new List<string> { StatusText.Stock(s, c.NowUtc), $"Checked {StatusText.Ago(s.LastCheckedAt, c.NowUtc)}" };
            if (s.Region is not null)
            {
                lines.Add($"Region: {s.Region}");
            }

            if (s.ThresholdLow is not null || s.ThresholdHigh is not null)
            {
                lines.Add($"Thresholds: low {s.ThresholdLow?.ToString(CultureInfo.InvariantCulture) ?? "-"}, high {s.ThresholdHigh?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            }

            if (s.Status != DbValues.ToDb(MonitorStatus.Active))
            {
                lines.Add($"Status: {s.Status}{(s.LastError is null ? string.Empty : $": {s.LastError}")}");
            }

            return CommandReply.Ok($"#{s.MonitorId} {s.Product} @ {s.Website}", lines, [new ReplyButton("Buy", s.BuyLink)]);
        }

        var all = await status.GetAllStatusAsync(c.CancellationToken);
        return all.Count == 0
            ? CommandReply.Ok("Nothing is monitored yet.")
            : CommandReply.Ok("Stock now", all.Select(s =>
                $"#{s.MonitorId} {s.Product} @ {s.Website}: {StatusText.Stock(s, c.NowUtc)}{Flag(s)}")
                .Concat(await status.GetQuietHoursAsync(c.CancellationToken)).ToList());
    }

    /// <summary>" [paused until 2026-12-03 06:00 UTC]", " [error]", or nothing for an active monitor.</summary>
    private static string Flag(StatusSummary s) =>
        s.PausedUntil is { } until ? $" [paused until {WebsiteHandlers.PausedText(until)}]"
        : s.Status == DbValues.ToDb(MonitorStatus.Active) ? string.Empty : $" [{s.Status}]";

    private async Task<CommandReply> HistoryAsync(CommandContext c)
    {
        var id = c.Arguments.RequiredInt("monitor");
        var records = await status.GetStockHistoryAsync(id, c.Arguments.Int("limit") ?? ChatHistoryRows, c.CancellationToken);
        var chart = await charts.RenderAsync(id, ChatChartPoints, c.CancellationToken);
        var lines = records.Select(r =>
            $"{r.CreatedAt:MMM d HH:mm} UTC: {r.Quantity}{(r.Delta == 0 ? string.Empty : $" ({(r.Delta > 0 ? "+" : string.Empty)}{r.Delta})")} {r.ChangeType}").ToList();
        return new CommandReply(
            ReplyStatus.Ok,
            chart.Title,
            lines.Count == 0 ? ["No readings yet: the next cycle records the first one."] : lines,
            [],
            chart.Png,
            $"{chart.Title}: {chart.Points} reading(s), {chart.Events} event(s)");
    }
}

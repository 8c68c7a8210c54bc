using StockBot.Core.Monitoring;

namespace StockBot.Host.Cli;

internal static class CheckCommand
{
    public static Command Build(CommandRunner runner)
    {
        var check = new Command("check", "Run one monitoring cycle now, then deliver pending alerts");
        check.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var (result, dispatch) = await CliProgress.RunAsync(c, "Checking the websites and delivering alerts…", () => c.Get<MonitoringCycle>().RunAsync(c.CancellationToken));
            if (c.Output.Json)
            {
                c.Output.WriteJson(new
                {
                    monitors_checked = result.MonitorsChecked,
                    websites_checked = result.WebsitesChecked,
                    changes = result.Changes,
                    events = result.Events,
                    errors = result.Errors,
                    duration_ms = result.DurationMs,
                    alerts_sent = dispatch.Sent,
                    alerts_pending = dispatch.Retrying + dispatch.Waiting,
                    failures = result.Failures.Select(f => new { website_id = f.WebsiteId, website = f.Website, monitor_id = f.MonitorId, kind = f.Kind, message = f.Message }),
                });
                return;
            }

            c.Output.Line(
                $"Checked {result.MonitorsChecked} monitor(s) on {result.WebsitesChecked} website(s) in {result.DurationMs} ms: "
                + $"{result.Changes} change(s), {result.Events} event(s), {result.Errors} error(s).");
            foreach (var failure in result.Failures)
            {
                var what = failure.MonitorId is { } monitor ? $"{failure.Website} (website {failure.WebsiteId}), monitor {monitor}" : $"{failure.Website} (website {failure.WebsiteId})";
                c.Output.Line($"  failed: {what}: {failure.Kind}: {failure.Message}");
            }

            if (result.WebsitesSkipped > 0)
            {
                c.Output.Line($"{result.WebsitesSkipped} website(s) skipped after an authentication failure (backing off).");
            }

            c.Output.Line($"Alerts: {dispatch.Sent} sent, {dispatch.Retrying} to retry, {dispatch.Failed} failed, {dispatch.Waiting} waiting for a bot that is off.");
        }, ct));
        return check;
    }
}

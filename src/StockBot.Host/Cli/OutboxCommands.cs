using StockBot.Core;
using StockBot.Core.Alerts.Outbox;

namespace StockBot.Host.Cli;

/// <summary>`stockbot outbox list|retry`: what happened to each alert, with reasons, and a replay of what failed.</summary>
internal static class OutboxCommands
{
    public static Command Build(CommandRunner runner)
    {
        var outbox = new Command("outbox", "Show alert deliveries and send failed ones again");
        outbox.Subcommands.Add(BuildList(runner));
        outbox.Subcommands.Add(BuildRetry(runner));
        return outbox;
    }

    private static Command BuildList(CommandRunner runner)
    {
        var status = Args.Opt<string>("--status", "Only deliveries of this status: pending, sent, failed or expired");
        var subscription = Args.Opt<int?>("--subscription", "Only deliveries to this subscription");
        var limit = Args.Opt<int?>("--limit", $"How many, newest first (default {OutboxQueries.DefaultLimit})");
        var list = Args.Command("list", "List alert deliveries, newest first, with why they failed", status, subscription, limit);
        list.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var rows = await c.Get<OutboxQueries>().ListAsync(
                c.Value(status), c.Value(subscription), c.Value(limit) ?? OutboxQueries.DefaultLimit, c.CancellationToken);
            c.Output.Rows(
                rows,
                ["ID", "SUBSCRIPTION", "CHANNEL", "EVENT", "STATUS", "ATTEMPTS", "CREATED", "LAST ERROR"],
                r =>
                [
                    Number(r.Id), Number(r.SubscriptionId), $"{r.Platform} {r.ChannelId}", $"#{Number(r.EventId)} {r.EventType} ({r.Product})",
                    r.Status, Number(r.Attempts), $"{r.CreatedAt:yyyy-MM-dd HH:mm}Z", r.LastError ?? "-",
                ],
                c.Value(status) is null && c.Value(subscription) is null ? "The outbox is empty: no alert has been queued yet." : "No alert deliveries match.");
        }, ct));
        return list;
    }

    private static Command BuildRetry(CommandRunner runner)
    {
        var id = new Argument<long?>("id") { Description = "The delivery to send again (see outbox list)", Arity = ArgumentArity.ZeroOrOne };
        var failed = Args.Flag("--failed", "Every failed delivery (expired ones only by id: they are stale news)");
        var retry = Args.Command("retry", "Send failed or expired deliveries again: pending, due now, attempts kept", id, failed);
        retry.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var one = parse.GetValue(id);
            var all = c.Value(failed);
            if ((one is null) == !all)
            {
                throw new InputException("id", "give one delivery id or --failed (not both)");
            }

            var queries = c.Get<OutboxQueries>();
            var result = one is { } deliveryId
                ? await queries.RetryAsync(deliveryId, c.CancellationToken)
                : await queries.RetryFailedAsync(c.CancellationToken);
            var text = result.Retried == 0
                ? "No failed alert deliveries to retry."
                : $"Queued {result.Retried} alert delivery(ies) again ({string.Join(", ", result.Ids.Take(20).Select(Number))}{(result.Ids.Count > 20 ? ", ..." : string.Empty)}); "
                    + "they go out with the next dispatch (stockbot check, or within seconds while stockbot run is up).";
            c.Output.Result(result, text);
            if (result.ToInactiveSubscriptions > 0 && !c.Output.Json)
            {
                c.Output.Line($"{result.ToInactiveSubscriptions} of them go to a subscription that is off and will fail again until it is re-added (see stockbot status).");
            }
        }, ct));
        return retry;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

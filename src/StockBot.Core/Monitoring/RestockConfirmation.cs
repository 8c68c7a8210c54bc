using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Subscriptions;

namespace StockBot.Core.Monitoring;

/// <summary>A restock recorded but not yet alerted (monitor_configs.restock_pending_history_id), and how many reads agreed so far.</summary>
internal sealed record PendingRestock(long HistoryId, int Reads);

/// <summary>What <see cref="RestockConfirmation.Decide"/> makes of one read of a monitor.</summary>
internal enum RestockStep
{
    /// <summary>Nothing held, nothing to do: the read alerts as always.</summary>
    None,

    /// <summary>A restock (out -> in): recorded, its alert held until enough reads agree.</summary>
    Hold,

    /// <summary>The held restock is still in stock, but not yet for enough reads.</summary>
    Count,

    /// <summary>Enough reads agreed: the held restock alerts now, with its own history row.</summary>
    Confirm,

    /// <summary>Out again before it was confirmed: neither the restock nor the sale that undid it alerts.</summary>
    Flap,
}

/// <summary>One read's step, and the agreeing reads counted after it.</summary>
internal readonly record struct RestockDecision(RestockStep Step, int Reads)
{
    /// <summary>False for the events of the held restock's change, or of the sale that undid it.</summary>
    public bool Alerts(MonitorEventDraft e) => Step switch
    {
        RestockStep.Hold => e.ChangeType != ChangeType.Restock,
        RestockStep.Flap => e.ChangeType != ChangeType.Purchase,
        _ => true,
    };
}

/// <summary>
/// `Monitoring:ConfirmReads`: with N &gt; 1, a restock (out -> in) is recorded in the history as always, but alerted only
/// once N reads in a row (the restock's own read the first) still see the product in stock. If it goes out before
/// that, neither the restock nor the sale back to 0 is alerted (a flap). A failed read neither counts nor resets. The
/// state is two columns of the monitor row, loaded with the monitors and written in the website's transaction.
/// </summary>
internal static class RestockConfirmation
{
    public static RestockDecision Decide(int confirmReads, PendingRestock? pending, Detection detection)
    {
        if (detection.Events.Any(IsRestockFromOut))
        {
            // A new restock replaces one still pending (it went out and in again between two of our reads).
            return confirmReads > 1 ? new RestockDecision(RestockStep.Hold, 1) : new RestockDecision(pending is null ? RestockStep.None : RestockStep.Flap, 0);
        }

        if (pending is null || !detection.Checked)
        {
            return new RestockDecision(RestockStep.None, pending?.Reads ?? 0);
        }

        if (detection.Events.Any(e => e.EventType.ToSubscriptionKind(e.ToQuantity) == SubscriptionEventKinds.SoldOut))
        {
            return new RestockDecision(RestockStep.Flap, 0);
        }

        var reads = pending.Reads + 1;
        return reads >= confirmReads ? new RestockDecision(RestockStep.Confirm, 0) : new RestockDecision(RestockStep.Count, reads);
    }

    /// <summary>
    /// Writes the decision: the monitor's pending state, and for a confirmed restock its alert rows on the original
    /// history row. <paramref name="firstHistoryIndex"/> is the index in <see cref="WebsiteWrite.Histories"/> of this read's first event.
    /// </summary>
    public static void Apply(
        RestockDecision decision, MonitorWork monitor, Detection detection, int firstHistoryIndex, Func<bool> allowed,
        IReadOnlyList<OutboxSubscription> subscriptions, WebsiteWrite write)
    {
        switch (decision.Step)
        {
            case RestockStep.Hold:
                var index = firstHistoryIndex + detection.Events.ToList().FindIndex(IsRestockFromOut);
                write.RestockStates.Add((monitor.Id, index, null, decision.Reads));
                break;
            case RestockStep.Count:
                write.RestockStates.Add((monitor.Id, null, monitor.PendingRestock!.HistoryId, decision.Reads));
                break;
            case RestockStep.Confirm:
                write.RestockStates.Add((monitor.Id, null, null, 0));
                if (allowed())
                {
                    var picked = new List<(int HistoryIndex, int SubscriptionId)>();
                    AlertOutbox.Enqueue(MonitorEventType.StockIncreased, 1, monitor.Alerting, subscriptions, 0, picked);
                    write.ConfirmedDeliveries.AddRange(picked.Select(p => (monitor.PendingRestock!.HistoryId, p.SubscriptionId)));
                }

                break;
            case RestockStep.Flap when monitor.PendingRestock is not null:
                write.RestockStates.Add((monitor.Id, null, null, 0));
                break;
        }
    }

    private static bool IsRestockFromOut(MonitorEventDraft e) =>
        e.EventType == MonitorEventType.StockIncreased && e.ChangeType == ChangeType.Restock && e.FromQuantity is null or 0;
}

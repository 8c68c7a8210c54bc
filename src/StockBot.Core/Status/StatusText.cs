using Humanizer;

namespace StockBot.Core.Status;

/// <summary>Status phrased as a person would say it, shared by the CLI and the chat bots.</summary>
public static class StatusText
{
    public static string Ago(DateTime? utc, DateTime nowUtc) =>
        utc is null ? "never"
        : (nowUtc - utc.Value).Duration() < TimeSpan.FromMinutes(1) ? "just now"
        : utc.Value.Humanize(utcDate: true, dateToCompareAgainst: nowUtc, culture: CultureInfo.InvariantCulture);

    /// <summary>"3 left, restocked 2 minutes ago", "out of stock, bought out 1 hour ago", "no reading yet".</summary>
    public static string Stock(StatusSummary summary, DateTime nowUtc)
    {
        string quantity;
        if (summary.Available is null)
        {
            quantity = "no reading yet";
        }
        else if (!summary.StockControlEnabled)
        {
            // Stock control off (API), or a storefront that shows no count.
            quantity = "in stock (no count shown)";
        }
        else if (summary.CurrentQuantity == 0)
        {
            quantity = "out of stock";
        }
        else
        {
            quantity = $"{summary.CurrentQuantity} in stock";
        }

        var change = (summary.LastChangeType is { } stored ? DbValues.ToChangeType(stored) : (ChangeType?)null) switch
        {
            ChangeType.Restock => $"restocked {Ago(summary.LastChangeAt, nowUtc)}",
            ChangeType.Purchase => summary.CurrentQuantity == 0 ? $"sold out {Ago(summary.LastChangeAt, nowUtc)}" : $"last sale {Ago(summary.LastChangeAt, nowUtc)}",
            ChangeType.Initial => $"tracked since {Ago(summary.LastChangeAt, nowUtc)}",
            ChangeType.Unchanged or null => null,
            _ => throw new ArgumentOutOfRangeException(nameof(summary), summary.LastChangeType, "Not a change type."),
        };
        return change is null ? quantity : $"{quantity}, {change}";
    }

    /// <summary>
    /// "Subscription 3 (telegram -100123) is off: Forbidden: bot was kicked — re-add it with `stockbot subscription add
    /// --platform telegram --channel -100123` once the bot may post there."
    /// </summary>
    public static string Problem(SubscriptionProblem problem)
    {
        var who = $"Subscription {problem.SubscriptionId} ({problem.Platform} {problem.ChannelId})";
        if (!problem.IsActive)
        {
            var scope = problem.MonitorConfigId is { } m ? $" --monitor {m}" : problem.WebsiteId is { } w ? $" --website {w}" : string.Empty;
            return $"{who} is off: {problem.Reason} — re-add it with `stockbot subscription add --platform {problem.Platform} --channel {problem.ChannelId}{scope}` (or /subscribe there) once the bot may post there.";
        }

        return $"{who} has a problem: {problem.Reason} — give the bot what it needs there, then check with `stockbot subscription test {problem.SubscriptionId}`.";
    }
}

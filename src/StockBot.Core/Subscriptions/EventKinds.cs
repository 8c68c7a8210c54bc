using StockBot.Data.Entities;

namespace StockBot.Core.Subscriptions;

/// <summary>The event kinds a subscription chooses from, and which monitor events each covers.</summary>
public static class EventKinds
{
    public const string Restock = "restock";
    public const string Purchase = "purchase";
    public const string Threshold = "threshold";
    public const string Error = "error";

    public static readonly IReadOnlyList<string> All = [Restock, Purchase, Threshold, Error];

    public static string Default => string.Join(',', All);

    /// <summary>Parses "restock, purchase" into the stored, ordered comma list; unknown kinds are bad input.</summary>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default;
        }

        var kinds = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.ToLowerInvariant())
            .ToHashSet();
        var unknown = kinds.Where(k => !All.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InputException("events", $"unknown event kind '{unknown[0]}'; allowed: {string.Join(", ", All)}");
        }

        return kinds.Count == 0 ? Default : string.Join(',', All.Where(kinds.Contains));
    }

    /// <summary>The subscription kind that covers a monitor_histories event, or null for events never alerted.</summary>
    public static string? ForEvent(string eventType) => eventType switch
    {
        EventTypes.StockIncreased => Restock,
        EventTypes.StockDecreased => Purchase,
        EventTypes.ThresholdBreachLow or EventTypes.ThresholdBreachHigh => Threshold,
        EventTypes.MonitorError or EventTypes.MonitorRecovered => Error,
        _ => null,
    };

    public static bool Includes(string storedKinds, string kind) =>
        storedKinds.Split(',').Contains(kind, StringComparer.Ordinal);
}

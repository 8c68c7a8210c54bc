namespace StockBot.Core.Alerts;

/// <summary>
/// What a digest of held alerts leaves out because it is no longer true when the digest goes: a restock that sold
/// out again, a sold-out that was restocked, a sale followed by the sell-out. Per monitor, a restock or purchase
/// alert whose availability differs from the monitor's last held alert is superseded by it.
/// </summary>
public static class DigestFilter
{
    /// <summary>The positions in <paramref name="alerts"/> (oldest first) of the alerts that are no longer true.</summary>
    public static IReadOnlySet<int> Superseded(IReadOnlyList<Alert> alerts)
    {
        var finalInStock = new Dictionary<int, bool>();
        foreach (var alert in alerts.Where(IsStock))
        {
            finalInStock[alert.MonitorId] = alert.InStock;
        }

        var superseded = new HashSet<int>();
        for (var i = 0; i < alerts.Count; i++)
        {
            var alert = alerts[i];
            if (alert.Kind is AlertKind.Restock or AlertKind.Purchase or AlertKind.SoldOut
                && finalInStock.TryGetValue(alert.MonitorId, out var inStock) && inStock != alert.InStock)
            {
                superseded.Add(i);
            }
        }

        return superseded;
    }

    private static bool IsStock(Alert alert) =>
        alert.Kind is AlertKind.Restock or AlertKind.Purchase or AlertKind.SoldOut or AlertKind.ThresholdLow or AlertKind.ThresholdHigh;
}

using Humanizer;

namespace StockBot.Core.Alerts;

/// <summary>The wording of alerts, shared by every sender so they read alike everywhere.</summary>
public static class AlertText
{
    /// <summary>What a test alert is called wherever it shows, so nobody takes it for news.</summary>
    public const string TestProduct = "StockBot test message";

    public const string TestSummary = "This is a test: alerts for this subscription will be posted here like this.";

    public static string Emoji(AlertKind kind) => kind switch
    {
        AlertKind.Restock => "🟢",
        AlertKind.Purchase => "🛒",
        AlertKind.SoldOut => "⛔",
        AlertKind.ThresholdLow => "🔴",
        AlertKind.ThresholdHigh => "🔵",
        AlertKind.MonitorError => "⚠️",
        AlertKind.NewProduct => "🆕",
        _ => "✅",
    };

    /// <summary>"Back in stock: VPS Small 2GB", "3 sold: ...", "Sold out: ...", "Low stock: ...".</summary>
    public static string Title(Alert alert) => alert.IsTest ? $"Test: {alert.Product}" : alert.Kind switch
    {
        AlertKind.Restock => alert.FromNothing ? $"Back in stock: {alert.Product}" : $"More stock: {alert.Product}",
        AlertKind.Purchase => Sold(alert) > 1 ? $"{Sold(alert).ToString(CultureInfo.InvariantCulture)} sold: {alert.Product}" : $"Sale: {alert.Product}",
        AlertKind.SoldOut => $"Sold out: {alert.Product}",
        AlertKind.ThresholdLow => $"Low stock: {alert.Product}",
        AlertKind.ThresholdHigh => $"Plenty in stock: {alert.Product}",
        AlertKind.MonitorError => $"Cannot read: {alert.Product}",
        AlertKind.NewProduct => $"New product: {alert.Product}",
        _ => $"Reading again: {alert.Product}",
    };

    /// <summary>"3 → 8 (+5)", or the quantity alone when there is no "before".</summary>
    public static string Change(Alert alert) =>
        alert.IsTest ? "test only, no stock changed"
        : !alert.StockControlEnabled ? alert.InStock ? "available (no stock limit)" : "not available"
        : alert.FromQuantity is { } from && from != alert.ToQuantity ? $"{from} → {alert.ToQuantity} ({Signed(alert.Delta)})"
        : Quantity(alert.ToQuantity);

    /// <summary>One or two sentences a person would say about the alert; never internal error text.</summary>
    public static string Summary(Alert alert) => alert.IsTest ? alert.Detail ?? TestSummary : alert.Kind switch
    {
        AlertKind.Restock => Restocked(alert) + Crossing(alert),
        AlertKind.Purchase => $"{Units(Sold(alert))} sold, {alert.ToQuantity.ToString(CultureInfo.InvariantCulture)} left." + Crossing(alert),
        AlertKind.SoldOut => !alert.StockControlEnabled || Sold(alert) == 0 ? "No longer available: sold out."
            : Sold(alert) == 1 ? "The last unit sold: out of stock."
            : $"The last {Units(Sold(alert))} sold at once: out of stock.",
        AlertKind.ThresholdLow => (alert.ToQuantity == 0 ? $"Out of stock, below the low mark of {alert.Threshold}." : $"Only {alert.ToQuantity} left, below the low mark of {alert.Threshold}.")
            + (Sold(alert) > 0 ? $" {Units(Sold(alert))} sold." : string.Empty),
        AlertKind.ThresholdHigh => $"{alert.ToQuantity} in stock, above the high mark of {alert.Threshold}.",
        AlertKind.MonitorError => $"Checks of this product keep failing. An admin should run `stockbot status {alert.MonitorId.ToString(CultureInfo.InvariantCulture)}` to see why.",
        AlertKind.NewProduct => alert.Detail ?? "Newly listed.",
        _ => "Checks work again.",
    };

    public static string Where(Alert alert) => alert.Region is null ? alert.Website : $"{alert.Website} ({alert.Region})";

    /// <summary>When it happened, as an absolute time that does not go stale: "2026-12-02 04:05 UTC".</summary>
    public static string At(Alert alert) =>
        DateTime.SpecifyKind(alert.OccurredAtUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Seconds since 1970 (Discord's `&lt;t:unix:f&gt;`).</summary>
    public static long UnixSeconds(Alert alert) => new DateTimeOffset(DateTime.SpecifyKind(alert.OccurredAtUtc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    /// <summary>True for the kinds that have a buy link worth a button (not an unreadable monitor).</summary>
    public static bool HasBuyLink(Alert alert) => alert.Kind is not AlertKind.MonitorError;

    /// <summary>The whole alert as plain text lines: the console sender prints it, and tests read it.</summary>
    public static string PlainText(Alert alert) =>
        $"{(alert.IsTest ? "🧪" : Emoji(alert.Kind))} {Title(alert)} @ {Where(alert)}: {Change(alert)}.{(alert.Price is { } price ? $" {price}." : string.Empty)} {Summary(alert)} ({At(alert)}) Buy: {alert.BuyLink}";

    /// <summary>How many a decrease took: "3" for 10 → 7.</summary>
    public static int Sold(Alert alert) => alert.Delta < 0 ? -alert.Delta : 0;

    /// <summary>"1 unit", "3 units".</summary>
    public static string Units(int count) => "unit".ToQuantity(count);

    private static string Restocked(Alert alert) =>
        !alert.StockControlEnabled ? "Back in stock: available again."
        : alert.FromNothing ? $"Back in stock: {Units(alert.ToQuantity)} available."
        : $"{Units(alert.Delta)} more: {alert.ToQuantity.ToString(CultureInfo.InvariantCulture)} available.";

    private static string Crossing(Alert alert) => alert.Crossed switch
    {
        ThresholdType.Low when alert.InStock => $" Now below the low mark of {alert.Threshold}.",
        ThresholdType.High => $" Now above the high mark of {alert.Threshold}.",
        _ => string.Empty,
    };

    private static string Quantity(int quantity) => quantity == 0 ? "out of stock" : $"{quantity} in stock";

    private static string Signed(int delta) => delta > 0 ? $"+{delta}" : delta.ToString(CultureInfo.InvariantCulture);
}

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
        AlertKind.ThresholdLow => "🔴",
        AlertKind.ThresholdHigh => "🔵",
        AlertKind.MonitorError => "⚠️",
        AlertKind.NewProduct => "🆕",
        _ => "✅",
    };

    /// <summary>"Restock: VPS Small 2GB", "Low stock: ...".</summary>
    public static string Title(Alert alert) => alert.IsTest ? $"Test: {alert.Product}" : alert.Kind switch
    {
        AlertKind.Restock => $"Restock: {alert.Product}",
        AlertKind.Purchase => alert.InStock ? $"Purchase: {alert.Product}" : $"Sold out: {alert.Product}",
        AlertKind.ThresholdLow => $"Low stock: {alert.Product}",
        AlertKind.ThresholdHigh => $"Plenty in stock: {alert.Product}",
        AlertKind.MonitorError => $"Cannot read: {alert.Product}",
        AlertKind.NewProduct => $"New product: {alert.Product}",
        _ => $"Reading again: {alert.Product}",
    };

    /// <summary>"3 → 8 (+5)", or the quantity alone when there is no "before".</summary>
    public static string Change(Alert alert) =>
        alert.IsTest ? "test only, no stock changed"
        : !alert.StockControlEnabled ? "available (no stock limit)"
        : alert.FromQuantity is { } from && from != alert.ToQuantity ? $"{from} → {alert.ToQuantity} ({Signed(alert.Delta)})"
        : Quantity(alert.ToQuantity);

    /// <summary>One sentence a person would say about the alert.</summary>
    public static string Summary(Alert alert) => alert.IsTest ? alert.Detail ?? TestSummary : alert.Kind switch
    {
        AlertKind.Restock => $"Back in stock: {"unit".ToQuantity(alert.ToQuantity)} available ({Signed(alert.Delta)}).",
        AlertKind.Purchase => alert.InStock ? $"{"unit".ToQuantity(-alert.Delta)} just sold; {alert.ToQuantity} left." : "The last unit just sold: out of stock.",
        AlertKind.ThresholdLow => alert.ToQuantity == 0 ? $"Out of stock, below the low mark of {alert.Threshold}." : $"Only {alert.ToQuantity} left, below {alert.Threshold}.",
        AlertKind.ThresholdHigh => $"{alert.ToQuantity} in stock, above {alert.Threshold}.",
        AlertKind.MonitorError => alert.Detail ?? "Checks keep failing.",
        AlertKind.NewProduct => alert.Detail ?? "Newly listed.",
        _ => alert.Detail ?? "Checks work again.",
    };

    public static string Where(Alert alert) => alert.Region is null ? alert.Website : $"{alert.Website} ({alert.Region})";

    public static string When(Alert alert, DateTime nowUtc) =>
        nowUtc - alert.OccurredAtUtc < TimeSpan.FromMinutes(1)
            ? "just now"
            : alert.OccurredAtUtc.Humanize(utcDate: true, dateToCompareAgainst: nowUtc, culture: CultureInfo.InvariantCulture);

    /// <summary>The whole alert as plain text lines: the console sender prints it, and tests read it.</summary>
    public static string PlainText(Alert alert, DateTime nowUtc) =>
        $"{(alert.IsTest ? "🧪" : Emoji(alert.Kind))} {Title(alert)} @ {Where(alert)}: {Change(alert)}. {Summary(alert)} ({When(alert, nowUtc)}) Buy: {alert.BuyLink}";

    private static string Quantity(int quantity) => quantity == 0 ? "out of stock" : $"{quantity} in stock";

    private static string Signed(int delta) => delta > 0 ? $"+{delta}" : delta.ToString(CultureInfo.InvariantCulture);
}

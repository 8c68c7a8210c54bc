using StockBot.Core.Alerts;
using StockBot.Core.Subscriptions;

namespace StockBot.Core.Monitoring;

/// <summary>What each monitor event means to subscriptions, alerts and charts: every value mapped, none guessed.</summary>
public static class MonitorEventMappings
{
    /// <summary>
    /// The subscription kind that covers the event; <see cref="SubscriptionEventKinds.None"/> for events never alerted.
    /// A decrease to <paramref name="toQuantity"/> 0 (out of stock, or unavailable) is `soldout`, any other `purchase`.
    /// </summary>
    public static SubscriptionEventKinds ToSubscriptionKind(this MonitorEventType value, int toQuantity) => value switch
    {
        MonitorEventType.StockInitialized => SubscriptionEventKinds.None,
        MonitorEventType.StockIncreased => SubscriptionEventKinds.Restock,
        MonitorEventType.StockDecreased => toQuantity <= 0 ? SubscriptionEventKinds.SoldOut : SubscriptionEventKinds.Purchase,
        MonitorEventType.ThresholdBreachLow or MonitorEventType.ThresholdBreachHigh => SubscriptionEventKinds.Threshold,
        MonitorEventType.MonitorError or MonitorEventType.MonitorRecovered => SubscriptionEventKinds.Error,
        MonitorEventType.ProductNew => SubscriptionEventKinds.New,
        _ => throw Unknown(value),
    };

    /// <summary>The alert an event becomes; a decrease to <paramref name="toQuantity"/> 0 is <see cref="AlertKind.SoldOut"/>.</summary>
    public static AlertKind ToAlertKind(this MonitorEventType value, int toQuantity) => value switch
    {
        MonitorEventType.StockInitialized => throw new ArgumentOutOfRangeException(nameof(value), value, "stock_initialized is never alerted."),
        MonitorEventType.StockIncreased => AlertKind.Restock,
        MonitorEventType.StockDecreased => toQuantity <= 0 ? AlertKind.SoldOut : AlertKind.Purchase,
        MonitorEventType.ThresholdBreachLow => AlertKind.ThresholdLow,
        MonitorEventType.ThresholdBreachHigh => AlertKind.ThresholdHigh,
        MonitorEventType.MonitorError => AlertKind.MonitorError,
        MonitorEventType.MonitorRecovered => AlertKind.MonitorRecovered,
        MonitorEventType.ProductNew => AlertKind.NewProduct,
        _ => throw Unknown(value),
    };

    /// <summary>The mark a history chart draws for the event.</summary>
    public static string ToChartKind(this MonitorEventType value) => value switch
    {
        MonitorEventType.StockInitialized => throw new ArgumentOutOfRangeException(nameof(value), value, "stock_initialized is not drawn on a chart."),
        MonitorEventType.StockIncreased => "restock",
        MonitorEventType.StockDecreased => "purchase",
        MonitorEventType.ThresholdBreachLow => "threshold_low",
        MonitorEventType.ThresholdBreachHigh => "threshold_high",
        MonitorEventType.MonitorError => "error",
        MonitorEventType.MonitorRecovered => "recovered",
        MonitorEventType.ProductNew => throw new ArgumentOutOfRangeException(nameof(value), value, "product_new belongs to no monitor's chart."),
        _ => throw Unknown(value),
    };

    private static ArgumentOutOfRangeException Unknown(MonitorEventType value) =>
        new(nameof(value), value, "Not a monitor event.");
}

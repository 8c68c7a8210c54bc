using StockBot.Core.Alerts;
using StockBot.Core.Monitoring;
using StockBot.Core.Subscriptions;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Monitoring;

public sealed class MonitorEventMappingsTests
{
    public static TheoryData<MonitorEventType> Events => new(Enum.GetValues<MonitorEventType>());

    [Theory]
    [MemberData(nameof(Events))]
    public void ToDb_EveryEvent_ReadsBackAsItself(MonitorEventType value) =>
        Assert.Equal(value, DbValues.ToMonitorEventType(value.ToDb()));

    [Fact]
    public void ToDb_Events_AreTheSpecificationsStrings() =>
        Assert.Equal(
            ["stock_initialized", "stock_increased", "stock_decreased", "threshold_breach_low", "threshold_breach_high", "monitor_error", "monitor_recovered", "product_new"],
            Enum.GetValues<MonitorEventType>().Select(e => e.ToDb()));

    [Fact]
    public void ToMonitorEventType_UnknownString_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DbValues.ToMonitorEventType("stock_exploded"));

    [Theory]
    [InlineData(MonitorEventType.StockIncreased, AlertKind.Restock, "restock", SubscriptionEventKinds.Restock)]
    [InlineData(MonitorEventType.StockDecreased, AlertKind.Purchase, "purchase", SubscriptionEventKinds.Purchase)]
    [InlineData(MonitorEventType.ThresholdBreachLow, AlertKind.ThresholdLow, "threshold_low", SubscriptionEventKinds.Threshold)]
    [InlineData(MonitorEventType.ThresholdBreachHigh, AlertKind.ThresholdHigh, "threshold_high", SubscriptionEventKinds.Threshold)]
    [InlineData(MonitorEventType.MonitorError, AlertKind.MonitorError, "error", SubscriptionEventKinds.Error)]
    [InlineData(MonitorEventType.MonitorRecovered, AlertKind.MonitorRecovered, "recovered", SubscriptionEventKinds.Error)]
    public void Mappings_AlertedEvent_MapToAlertChartAndSubscriptionKind(MonitorEventType value, AlertKind alert, string chart, SubscriptionEventKinds kind) =>
        Assert.Equal((alert, chart, kind), (value.ToAlertKind(3), value.ToChartKind(), value.ToSubscriptionKind(3)));

    [Fact]
    public void Mappings_DecreaseToZero_IsSoldOutNotPurchase() =>
        Assert.Equal((AlertKind.SoldOut, SubscriptionEventKinds.SoldOut), (MonitorEventType.StockDecreased.ToAlertKind(0), MonitorEventType.StockDecreased.ToSubscriptionKind(0)));

    [Fact]
    public void Mappings_StockInitialized_IsNeverAlertedNorCharted()
    {
        Assert.Equal(SubscriptionEventKinds.None, MonitorEventType.StockInitialized.ToSubscriptionKind(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MonitorEventType.StockInitialized.ToAlertKind(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MonitorEventType.StockInitialized.ToChartKind());
    }

    [Fact]
    public void Mappings_ProductNew_AlertsNewSubscriptionsAndIsNotCharted()
    {
        Assert.Equal((AlertKind.NewProduct, SubscriptionEventKinds.New), (MonitorEventType.ProductNew.ToAlertKind(0), MonitorEventType.ProductNew.ToSubscriptionKind(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MonitorEventType.ProductNew.ToChartKind());
        Assert.Equal(SubscriptionEventKinds.New | SubscriptionEventKinds.Restock, EventKinds.Parse(EventKinds.Normalize("new, restock")));
    }

    [Fact]
    public void Mappings_UndefinedValue_ThrowsInsteadOfGuessing()
    {
        var undefined = (MonitorEventType)99;

        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.ToAlertKind(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.ToChartKind());
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.ToSubscriptionKind(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.ToDb());
    }

    [Theory]
    [InlineData("restock,purchase,threshold,error", SubscriptionEventKinds.Restock | SubscriptionEventKinds.Purchase | SubscriptionEventKinds.Threshold | SubscriptionEventKinds.Error)]
    [InlineData("purchase,error", SubscriptionEventKinds.Purchase | SubscriptionEventKinds.Error)]
    [InlineData("threshold", SubscriptionEventKinds.Threshold)]
    public void EventKinds_StoredList_ParsesAndFormatsBack(string stored, SubscriptionEventKinds kinds)
    {
        Assert.Equal(kinds, EventKinds.Parse(stored));
        Assert.Equal(stored, EventKinds.Format(kinds));
    }

    [Theory]
    [InlineData(" Error , restock", "restock,error")]
    [InlineData("", "restock,soldout,threshold,new")]
    [InlineData(",", "restock,soldout,threshold,new")]
    public void EventKinds_Normalize_OrdersAndDefaults(string input, string expected) =>
        Assert.Equal(expected, EventKinds.Normalize(input));

    [Fact]
    public void EventKinds_NormalizeUnknownKind_IsBadInput() =>
        Assert.Throws<InputException>(() => EventKinds.Normalize("restock,stock"));
}

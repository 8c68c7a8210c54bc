using StockBot.Core.Alerts.Outbox;
using StockBot.Core.Subscriptions;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Alerts;

public sealed class AlertOutboxTests
{
    private const SubscriptionEventKinds AllKinds =
        SubscriptionEventKinds.Restock | SubscriptionEventKinds.SoldOut | SubscriptionEventKinds.Purchase | SubscriptionEventKinds.Threshold | SubscriptionEventKinds.Error;

    private static readonly AlertingMonitor Monitor = new(7, 3, AllKinds);

    [Fact]
    public void Enqueue_SubscriptionsOfMonitorWebsiteAndAll_EachGetTheEventOtherWebsitesAndMonitorsDoNot()
    {
        OutboxSubscription[] subscriptions =
        [
            new(1, null, null, AllKinds),
            new(2, 3, null, AllKinds),
            new(3, 4, null, AllKinds),
            new(4, null, 7, AllKinds),
            new(5, 3, 8, AllKinds),
        ];
        var deliveries = new List<(int HistoryIndex, int SubscriptionId)>();

        AlertOutbox.Enqueue(MonitorEventType.StockIncreased, 3, Monitor, subscriptions, 5, deliveries);

        Assert.Equal([(5, 1), (5, 2), (5, 4)], deliveries);
    }

    [Theory]
    [InlineData(MonitorEventType.StockIncreased, SubscriptionEventKinds.Restock)]
    [InlineData(MonitorEventType.StockDecreased, SubscriptionEventKinds.Purchase)]
    [InlineData(MonitorEventType.ThresholdBreachLow, SubscriptionEventKinds.Threshold)]
    [InlineData(MonitorEventType.ThresholdBreachHigh, SubscriptionEventKinds.Threshold)]
    [InlineData(MonitorEventType.MonitorError, SubscriptionEventKinds.Error)]
    [InlineData(MonitorEventType.MonitorRecovered, SubscriptionEventKinds.Error)]
    public void Enqueue_SubscriptionKinds_OnlyTheCoveringKindAlerts(MonitorEventType eventType, SubscriptionEventKinds kind)
    {
        OutboxSubscription[] subscriptions = [new(1, null, null, kind), new(2, null, null, AllKinds & ~kind)];
        var deliveries = new List<(int HistoryIndex, int SubscriptionId)>();

        AlertOutbox.Enqueue(eventType, 3, Monitor, subscriptions, 0, deliveries);

        Assert.Equal([(0, 1)], deliveries);
    }

    [Fact]
    public void Enqueue_StockInitialized_NeverAlerts()
    {
        var deliveries = new List<(int HistoryIndex, int SubscriptionId)>();

        AlertOutbox.Enqueue(MonitorEventType.StockInitialized, 3, Monitor, [new(1, null, null, AllKinds)], 0, deliveries);

        Assert.Empty(deliveries);
    }

    [Theory]
    [InlineData(MonitorEventType.StockIncreased, false)]
    [InlineData(MonitorEventType.StockDecreased, false)]
    [InlineData(MonitorEventType.ThresholdBreachLow, false)]
    [InlineData(MonitorEventType.MonitorError, true)]
    [InlineData(MonitorEventType.MonitorRecovered, true)]
    public void Enqueue_MonitorWithNotificationsOff_OnlyErrorsStillAlert(MonitorEventType eventType, bool alerts)
    {
        var quiet = new AlertingMonitor(7, 3, AlertingMonitor.NotifiesFor(onRestock: false, onPurchase: false, onThreshold: false));
        var deliveries = new List<(int HistoryIndex, int SubscriptionId)>();

        AlertOutbox.Enqueue(eventType, 3, quiet, [new(1, null, null, AllKinds)], 0, deliveries);

        Assert.Equal(alerts, deliveries.Count == 1);
    }

    [Theory]
    [InlineData(true, false, false, SubscriptionEventKinds.Restock | SubscriptionEventKinds.Error)]
    [InlineData(false, true, false, SubscriptionEventKinds.Purchase | SubscriptionEventKinds.SoldOut | SubscriptionEventKinds.Error)]
    [InlineData(false, false, true, SubscriptionEventKinds.Threshold | SubscriptionEventKinds.Error)]
    public void NotifiesFor_MonitorFlags_AreTheKindsPlusErrors(bool restock, bool purchase, bool threshold, SubscriptionEventKinds expected) =>
        Assert.Equal(expected, AlertingMonitor.NotifiesFor(restock, purchase, threshold));

    [Fact]
    public void Enqueue_OneChannelAtThreeScopes_TheMostSpecificThatTakesTheKindGetsItOnce()
    {
        const string channel = "discord|42|";
        OutboxSubscription[] subscriptions =
        [
            new(1, null, null, AllKinds, channel),
            new(2, 3, null, AllKinds, channel),
            new(3, null, 7, SubscriptionEventKinds.Error, channel),
            new(4, null, null, AllKinds, "discord|43|"),
        ];
        var deliveries = new List<(int HistoryIndex, int SubscriptionId)>();

        AlertOutbox.Enqueue(MonitorEventType.StockIncreased, 3, Monitor, subscriptions, 0, deliveries);

        Assert.Equal([(0, 2), (0, 4)], deliveries);
    }

    [Fact]
    public void Enqueue_SaleCrossingTheLowMark_OneAlertPerChannel_TheStockEventWhereTaken()
    {
        ChangeEvent[] change = [new(4, MonitorEventType.StockDecreased, 3), new(5, MonitorEventType.ThresholdBreachLow, 3)];
        OutboxSubscription[] subscriptions =
        [
            new(1, null, null, AllKinds),
            new(2, null, null, SubscriptionEventKinds.Threshold),
            new(3, null, null, SubscriptionEventKinds.Restock | SubscriptionEventKinds.SoldOut),
        ];
        var deliveries = new List<(int HistoryIndex, int SubscriptionId)>();

        AlertOutbox.Enqueue(change, Monitor, subscriptions, deliveries);

        Assert.Equal([(4, 1), (5, 2)], deliveries);
    }

    [Fact]
    public void Normalize_NoEvents_IsTheDefaultWithoutPurchaseAndError()
    {
        Assert.Equal("restock,soldout,threshold,new", EventKinds.Normalize(null));
        Assert.Equal("restock,soldout,purchase,error", EventKinds.Normalize("error, purchase,soldout,RESTOCK"));
    }
}

using StockBot.Data.Entities;
using StockBot.Core.Monitoring;

namespace StockBot.Core.Tests.Monitoring;

public sealed class RestockConfirmationTests
{
    private static readonly MonitorEventDraft Restock = new(MonitorEventType.StockIncreased, 0, 5, 5, ChangeType.Restock, null, null, "Restocked: 0 -> 5 (+5)");
    private static readonly MonitorEventDraft MoreStock = new(MonitorEventType.StockIncreased, 5, 8, 3, ChangeType.Restock, null, null, "Restocked: 5 -> 8 (+3)");
    private static readonly MonitorEventDraft SoldOut = new(MonitorEventType.StockDecreased, 5, 0, -5, ChangeType.Purchase, null, null, "Purchased: 5 -> 0 (-5)");
    private static readonly MonitorEventDraft Sale = new(MonitorEventType.StockDecreased, 5, 4, -1, ChangeType.Purchase, null, null, "Purchased: 5 -> 4 (-1)");

    [Fact]
    public void Decide_DefaultOneRead_RestockAlertsAtOnce()
    {
        var decision = RestockConfirmation.Decide(1, null, Read(Restock));

        Assert.Equal(RestockStep.None, decision.Step);
        Assert.True(decision.Alerts(Restock));
    }

    [Fact]
    public void Decide_TwoReadsRestock_HeldWithOneRead()
    {
        var decision = RestockConfirmation.Decide(2, null, Read(Restock));

        Assert.Equal(new RestockDecision(RestockStep.Hold, 1), decision);
        Assert.False(decision.Alerts(Restock));
    }

    [Fact]
    public void Decide_PendingStillInStock_ConfirmedOnTheNthRead()
    {
        var second = RestockConfirmation.Decide(3, new PendingRestock(7, 1), Read());
        var third = RestockConfirmation.Decide(3, new PendingRestock(7, 2), Read(Sale));

        Assert.Equal(new RestockDecision(RestockStep.Count, 2), second);
        Assert.Equal(RestockStep.Confirm, third.Step);
        Assert.True(third.Alerts(Sale));
    }

    [Fact]
    public void Decide_PendingSoldOut_FlapAlertsNeither()
    {
        var decision = RestockConfirmation.Decide(2, new PendingRestock(7, 1), Read(SoldOut));

        Assert.Equal(RestockStep.Flap, decision.Step);
        Assert.False(decision.Alerts(SoldOut));
    }

    [Fact]
    public void Decide_PendingFailedRead_NeitherCountsNorResets()
    {
        var decision = RestockConfirmation.Decide(2, new PendingRestock(7, 1), new Detection(null, [], MonitorStatus.Active, 1, "timeout", false));

        Assert.Equal(new RestockDecision(RestockStep.None, 1), decision);
    }

    [Fact]
    public void Decide_MoreStockWhileInStock_NotHeld()
    {
        var decision = RestockConfirmation.Decide(2, null, Read(MoreStock));

        Assert.Equal(RestockStep.None, decision.Step);
        Assert.True(decision.Alerts(MoreStock));
    }

    private static Detection Read(params MonitorEventDraft[] events) => new(null, events, MonitorStatus.Active, 0, null, true);
}

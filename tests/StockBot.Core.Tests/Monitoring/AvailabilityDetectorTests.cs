using StockBot.Core.Monitoring;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Monitoring;

/// <summary>
/// Availability events in both modes (DESIGN.md "Availability events"): out to in is a restock even without
/// counts, in to out is a sale, and stock control toggling or an uncounted product changing fires nothing.
/// </summary>
public sealed class AvailabilityDetectorTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DetectorSettings Settings = new(ErrorAfterFailures: 3, UnchangedSampleInterval: TimeSpan.FromHours(1));

    /// <summary>The last record as the engine stores it: stock control off is quantity 0 with the flag off.</summary>
    private static MonitorState After(int quantity, bool stockControl, int? low = null) =>
        new(1, low, null, MonitorStatus.Active, 0, new LastStockRecord(stockControl ? quantity : 0, stockControl, null, Now.AddMinutes(-1)));

    private static StockReading Counted(int quantity) => new(quantity, true, quantity > 0);

    /// <summary>Stock control off (API), or a storefront that shows "in stock" without a count.</summary>
    private static readonly StockReading Unlimited = new(null, false, true);

    private static Detection Detect(MonitorState state, StockReading reading) => StockChangeDetector.Detect(state, reading, Now, Settings);

    [Fact]
    public void Detect_StockControlTurnedOffWithFiveInStock_FiresNothing()
    {
        var detection = Detect(After(5, stockControl: true), Unlimited);

        Assert.Empty(detection.Events);
        Assert.False(detection.IsChange);
        // The flag changed, so it is recorded, as unchanged stock.
        Assert.Equal((ChangeType.Unchanged, false, true), (detection.Record!.ChangeType, detection.Record.StockControlEnabled, detection.Record.Available));
    }

    [Fact]
    public void Detect_ZeroLeftThenUnlimited_IsARestock()
    {
        var detection = Detect(After(0, stockControl: true), Unlimited);

        var e = Assert.Single(detection.Events);
        Assert.Equal(MonitorEventType.StockIncreased, e.EventType);
        Assert.Equal((ChangeType.Restock, true), (detection.Record!.ChangeType, detection.Record.Available));
        Assert.True(detection.IsChange);
    }

    [Fact]
    public void Detect_StorefrontOutThenInWithoutCount_IsARestock()
    {
        // Storefront "out": 0 with stock control; "in" without a count: available, no quantity.
        var detection = Detect(After(0, stockControl: true), new StockReading(null, false, true));

        Assert.Equal([MonitorEventType.StockIncreased], detection.Events.Select(e => e.EventType));
    }

    [Fact]
    public void Detect_UnlimitedThenZero_IsASale()
    {
        var detection = Detect(After(0, stockControl: false), Counted(0));

        var e = Assert.Single(detection.Events);
        Assert.Equal((MonitorEventType.StockDecreased, 0), (e.EventType, e.ToQuantity));
        Assert.Equal((ChangeType.Purchase, false), (detection.Record!.ChangeType, detection.Record.Available));
    }

    [Fact]
    public void Detect_StorefrontInWithoutCountThenOut_IsASale()
    {
        var detection = Detect(After(0, stockControl: false), new StockReading(0, true, false));

        Assert.Equal([MonitorEventType.StockDecreased], detection.Events.Select(e => e.EventType));
    }

    [Fact]
    public void Detect_StockControlTurnedOnWithStock_FiresNothing()
    {
        var detection = Detect(After(0, stockControl: false), Counted(5));

        Assert.Empty(detection.Events);
        Assert.Equal((ChangeType.Unchanged, 5, true), (detection.Record!.ChangeType, detection.Record.Quantity, detection.Record.StockControlEnabled));
    }

    [Fact]
    public void Detect_StockControlTurnedOnWithStockBelowLow_FiresOnlyTheBreach()
    {
        var detection = Detect(After(0, stockControl: false, low: 5), Counted(2));

        Assert.Equal([MonitorEventType.ThresholdBreachLow], detection.Events.Select(e => e.EventType));
    }

    [Fact]
    public void Detect_UncountedStaysUncounted_WritesNothing()
    {
        var detection = Detect(After(0, stockControl: false), Unlimited);

        Assert.Empty(detection.Events);
        Assert.Null(detection.Record);
    }

    [Fact]
    public void Detect_OutStaysOut_FiresNothing()
    {
        var detection = Detect(After(0, stockControl: true), new StockReading(0, true, false));

        Assert.Empty(detection.Events);
        Assert.Null(detection.Record);
    }

    [Fact]
    public void Detect_CountedZeroToThree_IsStillARestockWithItsDelta()
    {
        var detection = Detect(After(0, stockControl: true), Counted(3));

        var e = Assert.Single(detection.Events);
        Assert.Equal((MonitorEventType.StockIncreased, 0, 3, 3), (e.EventType, e.FromQuantity, e.ToQuantity, e.Delta));
    }
}

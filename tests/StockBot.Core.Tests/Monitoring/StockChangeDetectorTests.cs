using StockBot.Core.Monitoring;
using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Monitoring;

public sealed class StockChangeDetectorTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DetectorSettings Settings = new(ErrorAfterFailures: 3, UnchangedSampleInterval: TimeSpan.FromHours(1));

    private static MonitorState State(int? last = null, ThresholdType? breach = null, int? low = null, int? high = null, MonitorStatus status = MonitorStatus.Active, int failures = 0, DateTime? lastAt = null, bool stockControl = true) =>
        new(1, low, high, status, failures, last is null ? null : new LastStockRecord(last.Value, stockControl, breach, lastAt ?? Now.AddMinutes(-1)));

    private static StockReading Reading(int quantity) => new(quantity, true, quantity > 0);

    [Fact]
    public void Detect_FirstReading_RecordsInitialAndOnlyStockInitialized()
    {
        var detection = StockChangeDetector.Detect(State(low: 5), Reading(2), Now, Settings);

        Assert.Equal(ChangeType.Initial, detection.Record!.ChangeType);
        Assert.Equal(ThresholdType.Low, detection.Record.ThresholdType);
        Assert.Equal([MonitorEventType.StockInitialized], detection.Events.Select(e => e.EventType));
    }

    [Fact]
    public void Detect_QuantityUp_IsRestockWithStockIncreased()
    {
        var detection = StockChangeDetector.Detect(State(last: 3), Reading(8), Now, Settings);

        Assert.Equal((8, 5, ChangeType.Restock), (detection.Record!.Quantity, detection.Record.Delta, detection.Record.ChangeType));
        var e = Assert.Single(detection.Events);
        Assert.Equal((MonitorEventType.StockIncreased, 3, 8, 5), (e.EventType, e.FromQuantity, e.ToQuantity, e.Delta));
    }

    [Fact]
    public void Detect_QuantityDown_IsPurchaseWithStockDecreased()
    {
        var detection = StockChangeDetector.Detect(State(last: 8), Reading(6), Now, Settings);

        Assert.Equal((ChangeType.Purchase, -2), (detection.Record!.ChangeType, detection.Record.Delta));
        Assert.Equal([MonitorEventType.StockDecreased], detection.Events.Select(e => e.EventType));
    }

    [Fact]
    public void Detect_UnchangedWithinSampleInterval_WritesNothing()
    {
        var detection = StockChangeDetector.Detect(State(last: 4, lastAt: Now.AddMinutes(-59)), Reading(4), Now, Settings);

        Assert.Null(detection.Record);
        Assert.Empty(detection.Events);
        Assert.True(detection.Checked);
    }

    [Fact]
    public void Detect_UnchangedPastSampleInterval_WritesOneUnchangedRecordWithoutEvents()
    {
        var detection = StockChangeDetector.Detect(State(last: 4, lastAt: Now.AddHours(-1)), Reading(4), Now, Settings);

        Assert.Equal((ChangeType.Unchanged, 0), (detection.Record!.ChangeType, detection.Record.Delta));
        Assert.Empty(detection.Events);
    }

    [Fact]
    public void Detect_CrossingIntoLow_FiresOnceAndNotWhileStayingBelow()
    {
        var crossing = StockChangeDetector.Detect(State(last: 6, low: 5), Reading(4), Now, Settings);
        var staying = StockChangeDetector.Detect(State(last: 4, breach: ThresholdType.Low, low: 5), Reading(3), Now, Settings);

        var breach = Assert.Single(crossing.Events, e => e.EventType == MonitorEventType.ThresholdBreachLow);
        Assert.Equal((5, ThresholdType.Low), (breach.ThresholdValue, breach.ThresholdType));
        Assert.Equal(ThresholdType.Low, crossing.Record!.ThresholdType);
        Assert.DoesNotContain(staying.Events, e => e.EventType == MonitorEventType.ThresholdBreachLow);
        Assert.Equal(ThresholdType.Low, staying.Record!.ThresholdType);
    }

    [Fact]
    public void Detect_LeavingBreachThenReentering_FiresAgain()
    {
        var leaving = StockChangeDetector.Detect(State(last: 3, breach: ThresholdType.Low, low: 5), Reading(9), Now, Settings);
        var reentering = StockChangeDetector.Detect(State(last: 9, low: 5), Reading(2), Now, Settings);

        Assert.Null(leaving.Record!.ThresholdType);
        Assert.DoesNotContain(leaving.Events, e => e.ThresholdType is not null && e.EventType.ToDb().StartsWith("threshold", StringComparison.Ordinal));
        Assert.Contains(reentering.Events, e => e.EventType == MonitorEventType.ThresholdBreachLow);
    }

    [Fact]
    public void Detect_RisingAboveHigh_FiresHighBreach()
    {
        var detection = StockChangeDetector.Detect(State(last: 40, high: 50), Reading(51), Now, Settings);

        Assert.Equal([MonitorEventType.StockIncreased, MonitorEventType.ThresholdBreachHigh], detection.Events.Select(e => e.EventType));
    }

    [Fact]
    public void Detect_ThresholdAtExactValue_IsNotABreach()
    {
        var detection = StockChangeDetector.Detect(State(last: 9, low: 5, high: 50), Reading(5), Now, Settings);

        Assert.Null(detection.Record!.ThresholdType);
        Assert.DoesNotContain(detection.Events, e => e.EventType.ToDb().StartsWith("threshold", StringComparison.Ordinal));
    }

    [Fact]
    public void Detect_StockControlOff_IsAvailableWithoutQuantityOrThreshold()
    {
        var detection = StockChangeDetector.Detect(State(low: 5), new StockReading(null, false, true), Now, Settings);

        Assert.Equal((0, false, true, null), (detection.Record!.Quantity, detection.Record.StockControlEnabled, detection.Record.Available, detection.Record.ThresholdType));
    }

    [Fact]
    public void DetectFailure_BelowLimit_CountsWithoutEventsOrStatusChange()
    {
        var detection = StockChangeDetector.DetectFailure(State(last: 4, failures: 1), "timeout", Settings);

        Assert.Null(detection.Record);
        Assert.Empty(detection.Events);
        Assert.Equal((MonitorStatus.Active, 2, "timeout"), (detection.Status, detection.ConsecutiveFailures, detection.LastError));
    }

    [Fact]
    public void DetectFailure_ReachingLimit_TurnsErrorWithOneMonitorError_ThenNoMore()
    {
        var third = StockChangeDetector.DetectFailure(State(last: 4, failures: 2), "HTTP 500", Settings);
        var fourth = StockChangeDetector.DetectFailure(State(last: 4, failures: 3, status: MonitorStatus.Error), "HTTP 500", Settings);

        Assert.Equal(MonitorStatus.Error, third.Status);
        var error = Assert.Single(third.Events);
        Assert.Equal(MonitorEventType.MonitorError, error.EventType);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Empty(fourth.Events);
        Assert.Equal(MonitorStatus.Error, fourth.Status);
    }

    [Fact]
    public void Detect_FirstGoodReadAfterError_FiresRecoveredWithoutFalseRestock()
    {
        var detection = StockChangeDetector.Detect(State(last: 4, status: MonitorStatus.Error, failures: 5, lastAt: Now.AddMinutes(-10)), Reading(4), Now, Settings);

        Assert.Equal([MonitorEventType.MonitorRecovered], detection.Events.Select(e => e.EventType));
        Assert.Equal((MonitorStatus.Active, 0), (detection.Status, detection.ConsecutiveFailures));
    }

    [Fact]
    public void Detect_RecoveryWithRealChange_ComparesAgainstLastGoodQuantity()
    {
        var detection = StockChangeDetector.Detect(State(last: 4, status: MonitorStatus.Error, failures: 3), Reading(1), Now, Settings);

        Assert.Equal([MonitorEventType.MonitorRecovered, MonitorEventType.StockDecreased], detection.Events.Select(e => e.EventType));
        Assert.Equal(-3, detection.Record!.Delta);
    }
}

namespace StockBot.Core.Monitoring;

/// <summary>What the database says about a monitor before this check.</summary>
public sealed record MonitorState(
    int MonitorId,
    int? ThresholdLow,
    int? ThresholdHigh,
    MonitorStatus Status,
    int ConsecutiveFailures,
    LastStockRecord? LastRecord);

/// <summary>The newest stock record of a monitor: the last good reading.</summary>
public sealed record LastStockRecord(int Quantity, bool StockControlEnabled, ThresholdType? ThresholdType, DateTime CreatedAt)
{
    /// <summary>As <c>available</c> is defined: stock control off, or a quantity above 0.</summary>
    public bool IsAvailable => !StockControlEnabled || Quantity > 0;
}

/// <summary>One read of a product: a stock reading, or why there is none.</summary>
public sealed record StockReading(int? Quantity, bool StockControlEnabled, bool Available, string? ProductName = null)
{
    /// <summary>Stock control off has no quantity; it is stored as 0, with stock_control_enabled false.</summary>
    public int StoredQuantity => StockControlEnabled ? Quantity ?? 0 : 0;
}

public sealed record DetectorSettings(int ErrorAfterFailures, TimeSpan UnchangedSampleInterval);

public sealed record StockRecordDraft(int Quantity, int Delta, bool StockControlEnabled, bool Available, ChangeType ChangeType, ThresholdType? ThresholdType);

public sealed record MonitorEventDraft(MonitorEventType EventType, int? FromQuantity, int ToQuantity, int Delta, ChangeType? ChangeType, ThresholdType? ThresholdType, int? ThresholdValue, string Message);

/// <summary>What a check changes: at most one stock record, the events, and the monitor's new state.</summary>
public sealed record Detection(
    StockRecordDraft? Record,
    IReadOnlyList<MonitorEventDraft> Events,
    MonitorStatus Status,
    int ConsecutiveFailures,
    string? LastError,
    bool Checked)
{
    public bool IsChange => Record is { ChangeType: ChangeType.Restock or ChangeType.Purchase };
}

/// <summary>
/// Turns (previous state, this read) into records and events, and nothing else: no I/O, no clock,
/// so that every rule of DESIGN.md's "Behaviour" can be tested on its own.
/// </summary>
public static class StockChangeDetector
{
    public static Detection Detect(MonitorState state, StockReading reading, DateTime nowUtc, DetectorSettings settings)
    {
        var events = new List<MonitorEventDraft>();
        var last = state.LastRecord;
        var quantity = reading.StoredQuantity;
        var breach = Breach(reading, state.ThresholdLow, state.ThresholdHigh);

        if (state.Status == MonitorStatus.Error)
        {
            events.Add(new MonitorEventDraft(
                MonitorEventType.MonitorRecovered, last?.Quantity, quantity, quantity - (last?.Quantity ?? quantity), null, null, null,
                $"Reading again after {state.ConsecutiveFailures} failed check(s): {Describe(reading)}"));
        }

        var status = state.Status == MonitorStatus.Paused ? MonitorStatus.Paused : MonitorStatus.Active;
        if (last is null)
        {
            events.Add(new MonitorEventDraft(
                MonitorEventType.StockInitialized, null, quantity, 0, ChangeType.Initial, breach, ThresholdValue(breach, state), $"Started tracking: {Describe(reading)}"));
            return new Detection(
                new StockRecordDraft(quantity, 0, reading.StockControlEnabled, reading.Available, ChangeType.Initial, breach),
                events, status, 0, null, true);
        }

        // Counts compare only when both readings have one. Otherwise only availability moves: out to in is a
        // restock (0 -> unlimited, storefront "out" -> "in"), in to out a sale; stock control turned on or off
        // while in stock, or an uncounted product staying in stock, is no change at all.
        var counted = reading.StockControlEnabled && last.StockControlEnabled;
        var wasAvailable = last.IsAvailable;
        var delta = counted || wasAvailable != reading.Available ? quantity - last.Quantity : 0;
        var changeType = counted
            ? delta > 0 ? ChangeType.Restock : delta < 0 ? ChangeType.Purchase : ChangeType.Unchanged
            : reading.Available == wasAvailable ? ChangeType.Unchanged : reading.Available ? ChangeType.Restock : ChangeType.Purchase;
        // A change that also crosses into a breach is one change: the stock event carries the mark it crossed
        // (threshold_value set only then), so its alert can say both; the threshold event is still recorded for the
        // history and for channels that take only `threshold` (AlertOutbox.Enqueue sends one of the two per channel).
        var crossed = breach is not null && breach != last.ThresholdType;
        var crossedValue = crossed ? ThresholdValue(breach, state) : null;
        if (changeType == ChangeType.Restock)
        {
            events.Add(new MonitorEventDraft(MonitorEventType.StockIncreased, last.Quantity, quantity, delta, changeType, breach, crossedValue,
                counted ? $"Restocked: {last.Quantity} -> {quantity} (+{delta})" : $"Back in stock: {Describe(reading)}"));
        }
        else if (changeType == ChangeType.Purchase)
        {
            events.Add(new MonitorEventDraft(MonitorEventType.StockDecreased, last.Quantity, quantity, delta, changeType, breach, crossedValue,
                counted ? $"Purchased: {last.Quantity} -> {quantity} ({delta})" : "Sold out: out of stock"));
        }

        // Only the crossing into a breach fires; staying in it, or leaving it, does not.
        if (crossed)
        {
            events.Add(new MonitorEventDraft(
                breach == ThresholdType.Low ? MonitorEventType.ThresholdBreachLow : MonitorEventType.ThresholdBreachHigh,
                last.Quantity, quantity, delta, changeType, breach, crossedValue,
                breach == ThresholdType.Low ? $"Stock fell below {crossedValue}: {quantity} left" : $"Stock rose above {crossedValue}: {quantity} in stock"));
        }

        var needsRecord = changeType != ChangeType.Unchanged
            || quantity != last.Quantity
            || breach != last.ThresholdType
            || reading.StockControlEnabled != last.StockControlEnabled
            || nowUtc - last.CreatedAt >= settings.UnchangedSampleInterval;
        var record = needsRecord
            ? new StockRecordDraft(quantity, delta, reading.StockControlEnabled, reading.Available, changeType, breach)
            : null;
        return new Detection(record, events, status, 0, null, true);
    }

    /// <summary>A read that failed: no record, no stock event; the monitor turns to error after N in a row.</summary>
    public static Detection DetectFailure(MonitorState state, string reason, DetectorSettings settings)
    {
        var failures = state.ConsecutiveFailures + 1;
        if (state.Status == MonitorStatus.Error || failures < settings.ErrorAfterFailures)
        {
            return new Detection(null, [], state.Status, failures, reason, false);
        }

        var last = state.LastRecord?.Quantity;
        var error = new MonitorEventDraft(MonitorEventType.MonitorError, last, last ?? 0, 0, null, null, null, TextLimit.Clip($"{failures} checks failed in a row: {reason}", 500));
        return new Detection(null, [error], MonitorStatus.Error, failures, reason, false);
    }

    public static ThresholdType? Breach(StockReading reading, int? low, int? high)
    {
        if (!reading.StockControlEnabled)
        {
            return null;
        }

        var quantity = reading.StoredQuantity;
        return quantity < low ? ThresholdType.Low : quantity > high ? ThresholdType.High : null;
    }

    private static int? ThresholdValue(ThresholdType? breach, MonitorState state) =>
        breach == ThresholdType.Low ? state.ThresholdLow : breach == ThresholdType.High ? state.ThresholdHigh : null;

    private static string Describe(StockReading reading) =>
        !reading.StockControlEnabled ? "available (stock control off)" : reading.StoredQuantity == 0 ? "out of stock" : $"{reading.StoredQuantity} in stock";
}

namespace StockBot.Core.History;

/// <summary>One stock reading: the quantity seen at a moment (UTC).</summary>
public sealed record StockChartPoint(DateTime TimeUtc, int Quantity);

/// <summary>
/// Something that happened to the stock, drawn as a marker at (time, quantity).
/// Kind is one of "restock", "purchase", "threshold_low", "threshold_high", "error", "recovered";
/// any other kind is still drawn, with a neutral marker and the kind as its legend text.
/// </summary>
public sealed record StockChartEvent(DateTime TimeUtc, int Quantity, string Kind);

/// <summary>What to draw: a title (e.g. "Product @ website"), the readings, the events and optional thresholds.</summary>
public sealed record StockChartRequest(
    string Title,
    IReadOnlyList<StockChartPoint> Points,
    IReadOnlyList<StockChartEvent> Events,
    int? ThresholdLow = null,
    int? ThresholdHigh = null);

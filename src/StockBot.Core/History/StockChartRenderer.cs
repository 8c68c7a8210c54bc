using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

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

/// <summary>
/// Renders stock over time to PNG with ScottPlot (SkiaSharp underneath). Works headless: no display is needed,
/// only the SkiaSharp/HarfBuzz native assets (brought by ScottPlot) and at least one font on the machine.
/// Each call builds its own plot, so concurrent calls are safe.
/// </summary>
public sealed class StockChartRenderer
{
    private const string NoDataText = "No stock records yet";
    private const string TimeFormat = "MMM d HH:mm";

    // Fonts tried in order; the first one installed is used for every label. DejaVu is what Debian's fonts-dejavu-core gives.
    private static readonly string[] PreferredFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica"];
    private static readonly Lazy<string?> ChosenFont = new(FindFont);

    private static readonly Color StockColor = Color.FromHex("#1f77b4");
    private static readonly Color TextGrey = Color.FromHex("#555555");
    private static readonly Color LowThresholdColor = Color.FromHex("#d62728");
    private static readonly Color HighThresholdColor = Color.FromHex("#9467bd");

    private static readonly EventStyle[] KnownKinds =
    [
        new("restock", "Restock", MarkerShape.FilledTriangleUp, Color.FromHex("#2ca02c"), 11),
        new("purchase", "Purchase", MarkerShape.FilledTriangleDown, Color.FromHex("#ff7f0e"), 11),
        new("threshold_low", "Below low threshold", MarkerShape.FilledDiamond, Color.FromHex("#d62728"), 11),
        new("threshold_high", "Above high threshold", MarkerShape.OpenDiamond, Color.FromHex("#d62728"), 11),
        new("error", "Check failed", MarkerShape.Eks, Color.FromHex("#7f7f7f"), 10),
        new("recovered", "Check recovered", MarkerShape.OpenCircle, Color.FromHex("#7f7f7f"), 10),
    ];

    /// <summary>Renders the chart and returns the PNG file's bytes.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Instance API so callers can inject it.")]
    public byte[] RenderPng(StockChartRequest request, int width = 1000, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        using var plot = new Plot();
        if (ChosenFont.Value is { } font)
        {
            plot.Font.Set(font);
        }

        string title = string.IsNullOrWhiteSpace(request.Title) ? "Stock" : request.Title.Trim();
        plot.Title(title, size: 18);
        UseFontWithGlyphsFor(plot.Axes.Title.Label, title, ChosenFont.Value);

        var points = (request.Points ?? [])
            .Select(p => new StockChartPoint(ToUtc(p.TimeUtc), p.Quantity))
            .OrderBy(p => p.TimeUtc)
            .ToList();

        if (points.Count == 0)
        {
            DrawEmpty(plot);
        }
        else
        {
            var events = (request.Events ?? [])
                .Where(e => e is not null)
                .Select(e => e with { TimeUtc = ToUtc(e.TimeUtc) })
                .OrderBy(e => e.TimeUtc)
                .ToList();
            DrawData(plot, points, events, request.ThresholdLow, request.ThresholdHigh, compact: width < 700 || height < 400);
        }

        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static void DrawEmpty(Plot plot)
    {
        // Keep the title; drop axes, ticks and grid, which would only show a meaningless 0..1 range.
        plot.HideAxesAndGrid();
        plot.Axes.Title.IsVisible = true;
        var message = plot.Add.Annotation(NoDataText, Alignment.MiddleCenter);
        message.LabelFontSize = 22;
        message.LabelFontColor = TextGrey;
        message.LabelBackgroundColor = Colors.Transparent;
        message.LabelBorderColor = Colors.Transparent;
        message.LabelShadowColor = Colors.Transparent;
    }

    private static void DrawData(
        Plot plot,
        List<StockChartPoint> points,
        List<StockChartEvent> events,
        int? thresholdLow,
        int? thresholdHigh,
        bool compact)
    {
        // Stock line: a reading holds until the next one, so draw horizontal-then-vertical steps.
        double[] xs = points.Select(p => p.TimeUtc.ToOADate()).ToArray();
        double[] ys = points.Select(p => (double)p.Quantity).ToArray();
        var stock = plot.Add.Scatter(xs, ys, StockColor);
        stock.ConnectStyle = ConnectStyle.StepHorizontal;
        stock.LineWidth = 2;
        stock.MarkerShape = MarkerShape.FilledCircle;
        stock.MarkerSize = points.Count switch
        {
            <= 30 => 7,
            <= 120 => 5,
            _ => 3,
        };
        stock.LegendText = "Units in stock";

        if (thresholdLow is { } low)
        {
            AddThreshold(plot, low, LowThresholdColor, $"Low threshold ({low.ToString(CultureInfo.InvariantCulture)})");
        }

        if (thresholdHigh is { } high)
        {
            AddThreshold(plot, high, HighThresholdColor, $"High threshold ({high.ToString(CultureInfo.InvariantCulture)})");
        }

        // One marker series per kind, so each kind gets one legend entry; known kinds first, in a fixed order.
        foreach (var group in events
                     .GroupBy(e => (e.Kind ?? string.Empty).Trim().ToUpperInvariant())
                     .OrderBy(g => KindOrder(g.Key)))
        {
            var style = StyleFor(group.Key, group.First().Kind);
            var markers = plot.Add.Markers(
                group.Select(e => e.TimeUtc.ToOADate()).ToArray(),
                group.Select(e => (double)e.Quantity).ToArray(),
                style.Shape,
                style.Size,
                style.Color);
            markers.MarkerLineWidth = 2;
            markers.LegendText = style.Label;
        }

        // X axis: UTC date/time labels.
        var dateAxis = plot.Axes.DateTimeTicksBottom();
        if (dateAxis.TickGenerator is DateTimeAutomatic dateTicks)
        {
            dateTicks.LabelFormatter = t => t.ToString(TimeFormat, CultureInfo.InvariantCulture);
        }

        plot.XLabel("Time (UTC)", size: compact ? 11 : 13);

        // Y axis: whole units only, starting at 0.
        plot.Axes.Left.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.YLabel("Units in stock", size: compact ? 11 : 13);

        SetLimits(plot, points, events, thresholdLow, thresholdHigh);

        // Legend under the chart, so it never hides data.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = compact ? 10 : 12;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.OutlineColor = Colors.Transparent;
        plot.Legend.ShadowColor = Colors.Transparent;
    }

    private static void AddThreshold(Plot plot, int value, Color color, string label)
    {
        HorizontalLine line = plot.Add.HorizontalLine(value, 1.5f, color, LinePattern.Dashed);
        line.LegendText = label;
    }

    private static void SetLimits(
        Plot plot,
        List<StockChartPoint> points,
        List<StockChartEvent> events,
        int? thresholdLow,
        int? thresholdHigh)
    {
        DateTime first = points[0].TimeUtc;
        DateTime last = points[^1].TimeUtc;
        if (events.Count > 0)
        {
            first = events[0].TimeUtc < first ? events[0].TimeUtc : first;
            last = events[^1].TimeUtc > last ? events[^1].TimeUtc : last;
        }

        // A lone reading (or readings close together) still gets a readable window of at least two hours.
        TimeSpan span = last - first;
        TimeSpan minSpan = TimeSpan.FromHours(2);
        if (span < minSpan)
        {
            DateTime middle = first + (span / 2);
            first = middle - (minSpan / 2);
            last = middle + (minSpan / 2);
            span = minSpan;
        }

        TimeSpan pad = span * 0.03;
        plot.Axes.SetLimitsX((first - pad).ToOADate(), (last + pad).ToOADate());

        int top = points.Max(p => p.Quantity);
        if (events.Count > 0)
        {
            top = Math.Max(top, events.Max(e => e.Quantity));
        }

        top = Math.Max(top, Math.Max(thresholdLow ?? 0, thresholdHigh ?? 0));

        // Some headroom above the highest value, and never less than 0..5 so small stocks still get a few ticks.
        double yMax = Math.Max(5, Math.Ceiling((top * 1.1) + 1));

        // The axis starts at 0; a sliver below it keeps markers sitting at 0 (sold out) from being cut in half.
        int bottom = Math.Min(0, Math.Min(points.Min(p => p.Quantity), events.Count > 0 ? events.Min(e => e.Quantity) : 0));
        double yMin = bottom - (yMax - bottom) * 0.025;
        plot.Axes.SetLimitsY(yMin, yMax);
    }

    private static int KindOrder(string normalizedKind)
    {
        int index = Array.FindIndex(KnownKinds, k => k.NormalizedKind == normalizedKind);
        return index < 0 ? KnownKinds.Length : index;
    }

    private static EventStyle StyleFor(string normalizedKind, string? rawKind)
    {
        foreach (var style in KnownKinds)
        {
            if (style.NormalizedKind == normalizedKind)
            {
                return style;
            }
        }

        string label = string.IsNullOrWhiteSpace(rawKind) ? "Other" : rawKind.Trim();
        return new EventStyle(label, label, MarkerShape.Asterisk, Color.FromHex("#17becf"), 10);
    }

    private static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };

    // Product names may be in scripts the main font lacks (e.g. CJK): switch that label to an installed font that has them.
    private static void UseFontWithGlyphsFor(LabelStyle label, string text, string? font)
    {
        if (font is null || Fonts.CountMissingGlyphs(font, Fonts.GetStandaloneCodePoints(text)) == 0)
        {
            return;
        }

        string better = Fonts.Detect(text);
        if (!string.IsNullOrEmpty(better))
        {
            label.FontName = better;
        }
    }

    private static string? FindFont()
    {
        foreach (string name in PreferredFonts)
        {
            try
            {
                string? found = Fonts.GetTypeface(name, bold: false, italic: false)?.FamilyName;
                if (string.Equals(found, name, StringComparison.OrdinalIgnoreCase))
                {
                    return name;
                }
            }
            catch (InvalidOperationException)
            {
                // The font lookup failed; try the next name.
            }
        }

        return null; // Leave ScottPlot's default (whatever fontconfig matches first).
    }

    private sealed record EventStyle(string Kind, string Label, MarkerShape Shape, Color Color, float Size)
    {
        public string NormalizedKind { get; } = Kind.ToUpperInvariant();
    }
}

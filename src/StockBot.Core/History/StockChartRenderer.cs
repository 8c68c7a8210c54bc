using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace StockBot.Core.History;

/// <summary>
/// Renders stock over time to PNG with ScottPlot (SkiaSharp underneath). Works headless: no display is needed,
/// only the SkiaSharp/HarfBuzz native assets (brought by ScottPlot) and at least one font on the machine.
/// Each call builds its own plot, so concurrent calls are safe.
/// </summary>
public sealed class StockChartRenderer(TimeProvider time)
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
    public byte[] RenderPng(StockChartRequest request, int width = 1000, int height = 500)
    {
        using var plot = BuildPlot(request, width, height);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>The plot RenderPng draws, for tests that check its model rather than pixels.</summary>
    internal Plot BuildPlot(StockChartRequest request, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        var plot = new Plot();
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
            DrawData(plot, points, events, request, time.GetUtcNow().UtcDateTime, width, height);
        }

        return plot;
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

    private static void DrawData(Plot plot, List<StockChartPoint> points, List<StockChartEvent> events, StockChartRequest request, DateTime nowUtc, int width, int height)
    {
        bool compact = width < 700 || height < 400;

        // The axis ends at now (or at a later reading, if the clock lags), so "no change since" is visible.
        DateTime end = Latest(Latest(nowUtc, points[^1].TimeUtc), events.Count > 0 ? events[^1].TimeUtc : DateTime.MinValue);
        (double xMin, double xMax) = TimeLimits(points, events, end);

        // Stock line: a reading holds until the next one (horizontal-then-vertical steps), and the last one holds
        // until now, so even a single reading is a line.
        var line = points.Select(p => new Coordinates(p.TimeUtc.ToOADate(), p.Quantity)).ToList();
        if (end > points[^1].TimeUtc)
        {
            line.Add(new Coordinates(end.ToOADate(), points[^1].Quantity));
        }

        var stock = plot.Add.Scatter(line.ToArray(), StockColor);
        stock.ConnectStyle = ConnectStyle.StepHorizontal;
        stock.LineWidth = 2;
        stock.MarkerSize = 0;
        stock.LegendText = "Units in stock";

        // The readings themselves as dots on the line: the extension to now is not a reading.
        float readingSize = points.Count switch
        {
            <= 30 => 7,
            <= 120 => 5,
            _ => 3,
        };
        plot.Add.Markers(
            points.Select(p => p.TimeUtc.ToOADate()).ToArray(),
            points.Select(p => (double)p.Quantity).ToArray(),
            MarkerShape.FilledCircle,
            readingSize,
            StockColor);

        if (request.ThresholdLow is { } low)
        {
            AddThreshold(plot, low, LowThresholdColor, $"Low threshold ({low.ToString(CultureInfo.InvariantCulture)})");
        }

        if (request.ThresholdHigh is { } high)
        {
            AddThreshold(plot, high, HighThresholdColor, $"High threshold ({high.ToString(CultureInfo.InvariantCulture)})");
        }

        AddEventMarkers(plot, events, (xMax - xMin) / Math.Max(100, width - (compact ? 90 : 120)));

        // X axis: UTC date/time labels.
        var dateAxis = plot.Axes.DateTimeTicksBottom();
        if (dateAxis.TickGenerator is DateTimeAutomatic dateTicks)
        {
            dateTicks.LabelFormatter = t => t.ToString(TimeFormat, CultureInfo.InvariantCulture);
        }

        plot.XLabel("Time (UTC)", size: compact ? 11 : 13);
        KeepEdgeTickLabelsInside(plot);

        // Y axis: whole units only, starting at 0.
        plot.Axes.Left.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.YLabel("Units in stock", size: compact ? 11 : 13);

        plot.Axes.SetLimitsX(xMin, xMax);
        SetLimitsY(plot, points, events, request.ThresholdLow, request.ThresholdHigh);

        // Legend under the chart, so it never hides data.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = compact ? 10 : 12;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.OutlineColor = Colors.Transparent;
        plot.Legend.ShadowColor = Colors.Transparent;
    }

    // One marker series per kind, so each kind gets one legend entry; known kinds first, in a fixed order.
    // Events at (nearly) the same moment would draw on top of each other: they are spread sideways around it.
    private static void AddEventMarkers(Plot plot, List<StockChartEvent> events, double unitsPerPixel)
    {
        double gap = (KnownKinds.Max(k => k.Size) + 5) * unitsPerPixel;
        var placed = new List<(StockChartEvent Event, double X)>(events.Count);
        var cluster = new List<StockChartEvent>();
        foreach (var e in events.Append(null))
        {
            if (e is not null && (cluster.Count == 0 || e.TimeUtc.ToOADate() - cluster[0].TimeUtc.ToOADate() < gap))
            {
                cluster.Add(e);
                continue;
            }

            double center = cluster.Count == 0 ? 0 : cluster.Average(c => c.TimeUtc.ToOADate());
            var ordered = cluster.OrderBy(c => KindOrder(Normalize(c.Kind))).ToList();
            placed.AddRange(ordered.Select((c, i) => (c, center + ((i - ((ordered.Count - 1) / 2.0)) * gap))));
            cluster.Clear();
            if (e is not null)
            {
                cluster.Add(e);
            }
        }

        foreach (var group in placed.GroupBy(p => Normalize(p.Event.Kind)).OrderBy(g => KindOrder(g.Key)))
        {
            var style = StyleFor(group.Key, group.First().Event.Kind);
            var markers = plot.Add.Markers(
                group.Select(p => p.X).ToArray(),
                group.Select(p => (double)p.Event.Quantity).ToArray(),
                style.Shape,
                style.Size,
                style.Color);
            markers.MarkerLineWidth = 2;
            markers.LegendText = style.Label;
        }
    }

    // The first and last time labels are centred on their ticks and may reach past the data area;
    // the right-hand panel is otherwise empty (zero wide), so reserve half the widest label there.
    private static void KeepEdgeTickLabelsInside(Plot plot)
    {
        var style = plot.Axes.Bottom.TickLabelStyle;
        string text = style.Text;
        style.Text = new DateTime(2026, 12, 30, 23, 59, 0, DateTimeKind.Utc).ToString(TimeFormat, CultureInfo.InvariantCulture);
        using var paint = Paint.NewDisposablePaint();
        float half = style.Measure(paint).Width / 2;
        style.Text = text;
        plot.Axes.Right.MinimumSize = half + 8;
    }

    private static void AddThreshold(Plot plot, int value, Color color, string label)
    {
        HorizontalLine line = plot.Add.HorizontalLine(value, 1.5f, color, LinePattern.Dashed);
        line.LegendText = label;
    }

    private static (double Min, double Max) TimeLimits(List<StockChartPoint> points, List<StockChartEvent> events, DateTime end)
    {
        DateTime first = points[0].TimeUtc;
        if (events.Count > 0 && events[0].TimeUtc < first)
        {
            first = events[0].TimeUtc;
        }

        // A lone reading (or readings close together) still gets a readable window of at least two hours, ending now.
        TimeSpan minSpan = TimeSpan.FromHours(2);
        if (end - first < minSpan)
        {
            first = end - minSpan;
        }

        // A little room either side so markers at the first reading or at now are not cut in half.
        TimeSpan pad = (end - first) * 0.02;
        return ((first - pad).ToOADate(), (end + pad).ToOADate());
    }

    private static void SetLimitsY(Plot plot, List<StockChartPoint> points, List<StockChartEvent> events, int? thresholdLow, int? thresholdHigh)
    {
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
        double yMin = bottom - ((yMax - bottom) * 0.025);
        plot.Axes.SetLimitsY(yMin, yMax);
    }

    private static DateTime Latest(DateTime a, DateTime b) => a > b ? a : b;

    private static string Normalize(string? kind) => (kind ?? string.Empty).Trim().ToUpperInvariant();

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

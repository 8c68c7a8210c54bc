using Microsoft.Extensions.Time.Testing;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;
using StockBot.Core.History;
using StockBot.Core.Monitors;
using StockBot.Core.Sample;

namespace StockBot.Core.Tests.Services;

public sealed class ChartTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task RenderAsync_SampleHistory_GivesAPngWithEveryReading()
    {
        await using var db = database.NewContext();
        var seeded = await new SampleDataSeeder(db, database.Websites(db), database.Monitors(db), database.Time).SeedAsync(CancellationToken.None);

        var chart = await new HistoryChartService(db, new StockChartRenderer(database.Time)).RenderAsync(1, 1000, CancellationToken.None);

        Assert.Equal((2, 3), (seeded.Websites, seeded.Monitors));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], chart.Png.Take(4));
        Assert.True(chart.Png.Length > 10_000, "a chart with lines, labels and markers is not a few bytes");
        Assert.Equal(database.Count("stock_records WHERE monitor_config_id = 1"), chart.Points);
        Assert.Equal("VPS Small 2GB @ Example Cloud", chart.Title);
    }

    [Fact]
    public async Task SeedAsync_DatabaseWithWebsites_IsRefused()
    {
        await database.AddWebsiteAsync();
        await using var db = database.NewContext();

        await Assert.ThrowsAsync<InputException>(() => new SampleDataSeeder(db, database.Websites(db), database.Monitors(db), database.Time).SeedAsync(CancellationToken.None));
        Assert.Equal(1, database.Count("websites"));
    }

    [Fact]
    public void BuyLink_NoPurchaseLink_IsTheWhmcsCartLink()
    {
        Assert.Equal("https://a.example/cart.php?a=add&pid=7", BuyLink.For("https://a.example/", 7, null));
        Assert.Equal("https://b.example/x", BuyLink.For("https://a.example", 7, "https://b.example/x"));
    }

    private static readonly DateTime Now = new(2026, 11, 25, 22, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void BuildPlot_LastReadingBeforeNow_TimeAxisEndsAtNowAndTheLineRunsOnToNow()
    {
        using var plot = Renderer().BuildPlot(Request([new(Now.AddHours(-5), 4), new(Now.AddHours(-3), 2)]), 1000, 500);

        var limits = plot.Axes.GetLimits();
        var span = Now - Now.AddHours(-5);
        Assert.InRange(limits.Right, Now.ToOADate(), Now.Add(span * 0.03).ToOADate());
        Assert.Equal(new Coordinates(Now.ToOADate(), 2), StockLine(plot).Data.GetScatterPoints()[^1]);
    }

    [Fact]
    public void BuildPlot_SingleReading_DrawsAHorizontalLineToNow()
    {
        using var plot = Renderer().BuildPlot(Request([new(Now.AddMinutes(-30), 7)]), 1000, 500);

        var line = StockLine(plot).Data.GetScatterPoints();
        Assert.Equal([new Coordinates(Now.AddMinutes(-30).ToOADate(), 7), new Coordinates(Now.ToOADate(), 7)], line);
        Assert.True(StockLine(plot).LineWidth > 0);
    }

    [Fact]
    public void BuildPlot_ThresholdsAboveTheData_YAxisFitsDataThresholdsAndZero()
    {
        using var plot = Renderer().BuildPlot(Request([new(Now.AddHours(-4), 100), new(Now.AddHours(-1), 120)], low: 5, high: 200), 1000, 500);

        var limits = plot.Axes.GetLimits();
        Assert.InRange(limits.Bottom, -15, -0.5);
        Assert.InRange(limits.Top, 205, 260);
    }

    [Fact]
    public void BuildPlot_ReadingsEventsAndThresholds_OneSeriesEach()
    {
        var request = Request([new(Now.AddHours(-4), 1), new(Now.AddHours(-1), 3)], low: 2, high: 10) with
        {
            Events = [new(Now.AddHours(-1), 3, "restock"), new(Now.AddHours(-2), 1, "threshold_low")],
        };

        using var plot = Renderer().BuildPlot(request, 1000, 500);

        Assert.Equal(
            ["Units in stock", "", "Low threshold (2)", "High threshold (10)", "Restock", "Below low threshold"],
            plot.GetPlottables().Select(p => p.LegendItems.FirstOrDefault()?.LabelText ?? ""));
    }

    [Fact]
    public void BuildPlot_EventsAtTheSameMoment_MarkersDoNotHideEachOther()
    {
        var request = Request([new(Now.AddHours(-6), 1), new(Now.AddHours(-1), 5)]) with
        {
            Events = [new(Now.AddHours(-1), 5, "restock"), new(Now.AddHours(-1), 5, "threshold_high"), new(Now.AddHours(-1), 5, "recovered")],
        };
        using var plot = Renderer().BuildPlot(request, 1000, 500);
        plot.GetImageBytes(1000, 500, ImageFormat.Png);

        var centers = plot.GetPlottables<Markers>()
            .Where(m => m.LegendText.Length > 0)
            .Select(m => plot.GetPixel(m.Data.GetScatterPoints().Single()))
            .ToList();
        Assert.Equal(3, centers.Count);
        foreach (var (a, b) in centers.SelectMany((a, i) => centers.Skip(i + 1).Select(b => (a, b))))
        {
            Assert.True(a.DistanceFrom(b) >= 11, $"markers at {a} and {b} overlap");
        }
    }

    [Theory]
    [InlineData(1000, 500)]
    [InlineData(600, 300)]
    public void RenderPng_TickNearTheEdge_NoTickLabelIsCut(int width, int height)
    {
        using var plot = Renderer().BuildPlot(Request([new(Now.AddHours(-12), 40), new(Now.AddHours(-2), 35)], high: 60), width, height);
        plot.GetImageBytes(width, height, ImageFormat.Png);

        using var paint = Paint.NewDisposablePaint();
        var limits = plot.Axes.GetLimits();
        foreach (var tick in plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor && t.Position >= limits.Left && t.Position <= limits.Right))
        {
            float x = plot.GetPixel(new Coordinates(tick.Position, limits.Bottom)).X;
            plot.Axes.Bottom.TickLabelStyle.Text = tick.Label;
            float half = plot.Axes.Bottom.TickLabelStyle.Measure(paint).Width / 2;
            Assert.True(x - half >= 0 && x + half <= width, $"the tick label '{tick.Label}' at x={x} is cut");
        }

        foreach (var tick in plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor && t.Position >= limits.Bottom && t.Position <= limits.Top))
        {
            float y = plot.GetPixel(new Coordinates(limits.Left, tick.Position)).Y;
            plot.Axes.Left.TickLabelStyle.Text = tick.Label;
            float half = plot.Axes.Left.TickLabelStyle.Measure(paint).Height / 2;
            Assert.True(y - half >= 0 && y + half <= height, $"the tick label '{tick.Label}' at y={y} is cut");
        }
    }

    [Fact]
    public void RenderPng_Readings_DecodesAsAPngOfTheRequestedSize()
    {
        byte[] png = Renderer().RenderPng(Request([new(Now.AddHours(-3), 2), new(Now.AddHours(-1), 0)], low: 1), 640, 360);

        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((640, 360), (bitmap.Width, bitmap.Height));
    }

    private static StockChartRenderer Renderer() => new(new FakeTimeProvider(new DateTimeOffset(Now)));

    private static StockChartRequest Request(IReadOnlyList<StockChartPoint> points, int? low = null, int? high = null) =>
        new("VPS @ Example", points, [], low, high);

    private static Scatter StockLine(Plot plot) => plot.GetPlottables<Scatter>().Single();
}

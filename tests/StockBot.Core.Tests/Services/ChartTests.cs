using StockBot.Core.History;
using StockBot.Core.Monitors;
using StockBot.Core.Sample;
using StockBot.Core.Tests.Support;

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

        var chart = await new HistoryChartService(db, new StockChartRenderer()).RenderAsync(1, 1000, CancellationToken.None);

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
}

using StockBot.Simulator.Storefront;

namespace StockBot.Storefront.Tests;

/// <summary>Every order-form family against the simulator, with WHMCS's classic links and the 8.3+ store routes.</summary>
public sealed class TemplateFamilyTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<StorefrontTemplate, bool> Families()
    {
        var data = new TheoryData<StorefrontTemplate, bool>();
        foreach (var template in Enum.GetValues<StorefrontTemplate>())
        {
            data.Add(template, false);
            data.Add(template, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ReadAsync_InStockWithCount_InWithTheCountWhereShown(StorefrontTemplate template, bool modern)
    {
        var store = Shop.Open(fixture.Simulator, template, modern);
        using var host = ReaderHost.Create();

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        var reading = result.Get(Shop.InWithCount);
        Assert.Equal(StorefrontAvailability.In, reading.Availability);
        Assert.Null(reading.Failure);
        var countShown = template is StorefrontTemplate.StandardCart or StorefrontTemplate.Lagom or StorefrontTemplate.LagomRestockNotifier;
        Assert.Equal(countShown ? 5 : null, reading.Quantity);
        Assert.Equal(countShown ? 3 : null, result.Get(Shop.SecondGroupInStock).Quantity);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ReadAsync_StockControlOff_InWithoutCount(StorefrontTemplate template, bool modern)
    {
        var store = Shop.Open(fixture.Simulator, template, modern);
        using var host = ReaderHost.Create();

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.Uncontrolled], CancellationToken.None);

        var reading = result.Get(Shop.Uncontrolled);
        Assert.Equal(StorefrontAvailability.In, reading.Availability);
        Assert.Null(reading.Quantity);
        Assert.Null(reading.Failure);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ReadAsync_OutOfStock_Out(StorefrontTemplate template, bool modern)
    {
        var store = Shop.Open(fixture.Simulator, template, modern);
        using var host = ReaderHost.Create();

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.Out], CancellationToken.None);

        var reading = result.Get(Shop.Out);
        Assert.Equal(StorefrontAvailability.Out, reading.Availability);
        Assert.Null(reading.Failure);
        var lagom = template is StorefrontTemplate.Lagom or StorefrontTemplate.LagomRestockNotifier;
        Assert.Equal(lagom ? 0 : null, reading.Quantity);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ReadAsync_HiddenProduct_ReadThroughTheOrderLink(StorefrontTemplate template, bool modern)
    {
        var store = Shop.Open(fixture.Simulator, template, modern);
        using var host = ReaderHost.Create();

        var inStock = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.Hidden], CancellationToken.None);
        store.SetStock(Shop.Hidden, 0);
        var soldOut = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.Hidden], CancellationToken.None);

        Assert.Equal(StorefrontAvailability.In, inStock.Get(Shop.Hidden).Availability);
        Assert.Null(inStock.Get(Shop.Hidden).Name);
        Assert.Equal(StorefrontAvailability.Out, soldOut.Get(Shop.Hidden).Availability);
        Assert.Equal(2, store.Probes());
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ReadAsync_StockMoves_ReadingFollows(StorefrontTemplate template, bool modern)
    {
        var store = Shop.Open(fixture.Simulator, template, modern);
        using var host = ReaderHost.Create();

        var before = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount, Shop.Out], CancellationToken.None);
        store.SetStock(Shop.InWithCount, 0);
        store.SetStock(Shop.Out, 7);
        var after = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount, Shop.Out], CancellationToken.None);

        Assert.Equal(StorefrontAvailability.In, before.Get(Shop.InWithCount).Availability);
        Assert.Equal(StorefrontAvailability.Out, before.Get(Shop.Out).Availability);
        Assert.Equal(StorefrontAvailability.Out, after.Get(Shop.InWithCount).Availability);
        Assert.Equal(StorefrontAvailability.In, after.Get(Shop.Out).Availability);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ReadAsync_SecondCycle_OneRequestPerGroupPlusProbesForUndecidedProducts(StorefrontTemplate template, bool modern)
    {
        var store = Shop.Open(fixture.Simulator, template, modern);
        using var host = ReaderHost.Create();
        await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);
        store.Storefront.ClearRequests();

        await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);

        // standard_cart cannot tell 0 from stock control off; cloud_slider and boxes show no marker at all.
        var expectedProbes = template switch
        {
            StorefrontTemplate.StandardCart => 3,
            StorefrontTemplate.CloudSlider or StorefrontTemplate.LegacyBoxes => 5,
            _ => 1,
        };
        Assert.Equal(2, store.Listings());
        Assert.Equal(expectedProbes, store.Probes());
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ReadAsync_ListedProduct_NameGroupPriceAndCycleFromItsBlock(StorefrontTemplate template, bool modern)
    {
        var store = Shop.Open(fixture.Simulator, template, modern);
        using var host = ReaderHost.Create();

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.SecondGroupInStock], CancellationToken.None);

        var reading = result.Get(Shop.SecondGroupInStock);
        if (template == StorefrontTemplate.LegacyBoxes)
        {
            // No product blocks to read a name from; the order link still tells the stock.
            Assert.Null(reading.Name);
            return;
        }

        Assert.Equal(("VPS Large", "VPS & Cloud", "$5.00 USD", "Monthly"), (reading.Name, reading.Group, reading.Price, reading.BillingCycle));
    }
}

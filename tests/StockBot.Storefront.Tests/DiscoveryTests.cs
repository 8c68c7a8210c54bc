using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StockBot.Simulator.Storefront;

namespace StockBot.Storefront.Tests;

/// <summary>Group discovery, its cache per website, the catalogue read, and what the simulator's pages really contain.</summary>
public sealed class DiscoveryTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_FirstCycle_LandingServesAsTheFirstGroupsListing(bool modern)
    {
        var store = Shop.Open(fixture.Simulator, StorefrontTemplate.PremiumComparison, modern);
        using var host = ReaderHost.Create();

        await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount, Shop.SecondGroupInStock], CancellationToken.None);

        // cart.php shows the first group with its sidebar link active, so only the second group is asked for.
        Assert.Equal(2, store.Storefront.RequestCount);
        Assert.Equal(2, store.Listings());
    }

    [Fact]
    public async Task ReadAsync_GroupAddedSinceDiscovery_ReadInTheSameCycleFromTheNavigation()
    {
        var store = Shop.Open(fixture.Simulator, StorefrontTemplate.PremiumComparison);
        using var host = ReaderHost.Create();
        await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount], CancellationToken.None);
        store.Storefront.NameGroup(3, "Dedicated");
        store.AddProduct(301, "Dedi 1", 1, gid: 3);
        store.Storefront.ClearRequests();

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, [301], CancellationToken.None);

        Assert.Equal(StorefrontAvailability.In, result.Get(301).Availability);
        Assert.Equal("Dedicated", result.Get(301).Group);
        Assert.Equal(3, store.Listings());
        Assert.Equal(0, store.Probes());
    }

    [Fact]
    public async Task ReadAsync_GroupGone_RediscoveredNextCycle()
    {
        var store = Shop.Open(fixture.Simulator, StorefrontTemplate.PremiumComparison);
        using var host = ReaderHost.Create();
        await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount], CancellationToken.None);
        store.RemoveProduct(Shop.Uncontrolled);
        store.RemoveProduct(Shop.SecondGroupInStock);
        store.RemoveProduct(Shop.Hidden);
        await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount], CancellationToken.None);
        store.Storefront.ClearRequests();

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount], CancellationToken.None);

        Assert.Equal(StorefrontAvailability.In, result.Get(Shop.InWithCount).Availability);
        // Only the landing page (which is the one group left): the gone group is not asked for again.
        var request = Assert.Single(store.Storefront.Requests);
        Assert.Equal("?language=english", request.Query);
    }

    [Fact]
    public async Task ReadCatalogueAsync_AllListedProducts_WithGroupPriceAndWhatTheListingTells()
    {
        var store = Shop.Open(fixture.Simulator, StorefrontTemplate.Lagom, modern: true);
        using var host = ReaderHost.Create();

        var catalogue = await host.Reader.ReadCatalogueAsync(store.WebsiteUrl, CancellationToken.None);

        Assert.True(catalogue.IsSuccess);
        Assert.Equal(
            [
                new(Shop.InWithCount, "Starter", "Shared Hosting", StorefrontAvailability.In, 5, "$5.00 USD", "Monthly"),
                new(Shop.Out, "Pro", "Shared Hosting", StorefrontAvailability.Out, 0, "$5.00 USD", "Monthly"),
                new(Shop.Uncontrolled, "VPS Small", "VPS & Cloud", StorefrontAvailability.In, null, "$5.00 USD", "Monthly"),
                new StorefrontListedProduct(Shop.SecondGroupInStock, "VPS Large", "VPS & Cloud", StorefrontAvailability.In, 3, "$5.00 USD", "Monthly"),
            ],
            catalogue.Products);
        Assert.Equal(0, store.Probes());
    }

    [Fact]
    public async Task ReadCatalogueAsync_Challenge_Failure()
    {
        var store = Shop.Open(fixture.Simulator);
        store.Storefront.Fault = StorefrontFault.CloudflareChallenge;
        using var host = ReaderHost.Create();

        var catalogue = await host.Reader.ReadCatalogueAsync(store.WebsiteUrl, CancellationToken.None);

        Assert.Equal(StorefrontFailureKind.Challenge, catalogue.Failure!.Kind);
        Assert.Empty(catalogue.Products);
    }

    [Theory]
    [InlineData(StorefrontTemplate.StandardCart)]
    [InlineData(StorefrontTemplate.PremiumComparison)]
    [InlineData(StorefrontTemplate.Lagom)]
    public async Task Listing_TrapWordsOutsideProductBlocks_PresentAndTheInStockProductStillIn(StorefrontTemplate template)
    {
        var store = Shop.Open(fixture.Simulator, template);
        using var host = ReaderHost.Create();

        var page = await Http.GetStringAsync(new Uri(store.WebsiteUrl + "/cart.php?gid=1&language=english"));
        var result = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount], CancellationToken.None);

        // The related-products box names the in-stock product with sold-out words and "0 Available".
        var related = page[page.IndexOf("related-products", StringComparison.Ordinal)..];
        Assert.Contains($"pid={Shop.InWithCount}", related, StringComparison.Ordinal);
        Assert.Contains("0 Available", related, StringComparison.Ordinal);
        Assert.Contains("order-button unavailable", related, StringComparison.Ordinal);
        Assert.Contains("Out of Stock", page[..page.IndexOf("main-body", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Equal(StorefrontAvailability.In, result.Get(Shop.InWithCount).Availability);
    }

    [Fact]
    public async Task OrderLink_Modern_RedirectsThroughTheStoreRoute()
    {
        var store = Shop.Open(fixture.Simulator, modern: true);

        using var add = await Http.GetAsync(new Uri(store.WebsiteUrl + $"/cart.php?a=add&pid={Shop.InWithCount}"));
        using var route = await Http.GetAsync(new Uri(store.WebsiteUrl + "/" + add.Headers.Location!.OriginalString));
        using var outRoute = await Http.GetAsync(new Uri(store.WebsiteUrl + $"/index.php?rp=/store/group-1/product-{Shop.Out}"));

        Assert.Equal("index.php?rp=/store/group-1/product-101", add.Headers.Location.OriginalString);
        Assert.Equal("cart.php?a=confproduct&i=0", route.Headers.Location!.OriginalString);
        Assert.Contains("<h1>Out of Stock</h1>", await outRoute.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddStockBotStorefront_NegativeGap_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddStockBotStorefront(o => o.MinRequestGap = TimeSpan.FromSeconds(-1));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorefrontOptions>>().Value);
        Assert.Contains("Storefront:MinRequestGap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StorefrontOptions_Defaults_AsDesigned()
    {
        var options = new StorefrontOptions();

        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), TimeSpan.FromHours(1)), (options.MinRequestGap, options.RequestTimeout, options.DiscoveryInterval));
        Assert.Contains("Chrome/", options.UserAgent, StringComparison.Ordinal);
    }
}

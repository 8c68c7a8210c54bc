using StockBot.Simulator.Storefront;

namespace StockBot.Storefront.Tests;

/// <summary>Anything but an order page is a failed read with a message that says what to do; never "in".</summary>
public sealed class UnknownPageTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData(StorefrontFault.CloudflareChallenge, StorefrontFailureKind.Challenge, "Cloudflare challenge", "use API mode")]
    [InlineData(StorefrontFault.LoginRedirect, StorefrontFailureKind.Login, "asked for a login", "use API mode")]
    [InlineData(StorefrontFault.Maintenance, StorefrontFailureKind.Maintenance, "maintenance page", "resume")]
    [InlineData(StorefrontFault.ServerError, StorefrontFailureKind.ServerError, "HTTP 500", "temporary")]
    [InlineData(StorefrontFault.RateLimited, StorefrontFailureKind.RateLimited, "HTTP 429", "Storefront:MinRequestGap")]
    [InlineData(StorefrontFault.RedirectElsewhere, StorefrontFailureKind.Redirected, "elsewhere.example", "website URL")]
    public async Task ReadAsync_WholeSiteFault_OneFailureForTheWebsite(StorefrontFault fault, StorefrontFailureKind kind, string what, string todo)
    {
        var store = Shop.Open(fixture.Simulator);
        store.Storefront.Fault = fault;
        using var host = ReaderHost.Create();

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Empty(result.Products);
        Assert.Equal(kind, result.Failure!.Kind);
        Assert.Contains(what, result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(todo, result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", result.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Failure.Message);
        // The first page told it all: no hammering the rest of the site.
        Assert.Equal(1, store.Storefront.RequestCount);
    }

    [Theory]
    [InlineData(StorefrontFault.CloudflareChallenge)]
    [InlineData(StorefrontFault.LoginRedirect)]
    [InlineData(StorefrontFault.Maintenance)]
    [InlineData(StorefrontFault.ServerError)]
    [InlineData(StorefrontFault.RedirectElsewhere)]
    public async Task ReadAsync_FaultAfterAGoodCycle_NoReadingIsIn(StorefrontFault fault)
    {
        var store = Shop.Open(fixture.Simulator);
        using var host = ReaderHost.Create();
        var good = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);
        store.Storefront.Fault = fault;

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);

        Assert.True(good.IsSuccess);
        Assert.False(result.IsSuccess);
        Assert.DoesNotContain(result.Products, p => p.Availability != StorefrontAvailability.Unknown);
    }

    [Fact]
    public async Task ReadAsync_ProductMissing_FailureForThatProductOnly()
    {
        var store = Shop.Open(fixture.Simulator);
        using var host = ReaderHost.Create();

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount, 999], CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(StorefrontAvailability.In, result.Get(Shop.InWithCount).Availability);
        var missing = result.Get(999);
        Assert.Equal(StorefrontAvailability.Unknown, missing.Availability);
        Assert.Equal(StorefrontFailureKind.ProductMissing, missing.Failure!.Kind);
        Assert.Contains("Product 999", missing.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("check the product id", missing.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_ProductMissingOnModernStore_FailureForThatProductOnly(bool modern)
    {
        var store = Shop.Open(fixture.Simulator, StorefrontTemplate.PremiumComparison, modern);
        using var host = ReaderHost.Create();

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.Out, 998], CancellationToken.None);

        Assert.Equal(StorefrontAvailability.Out, result.Get(Shop.Out).Availability);
        Assert.Equal(StorefrontFailureKind.ProductMissing, result.Get(998).Failure!.Kind);
    }

    [Fact]
    public async Task ReadAsync_OrderLinkAnswersNeitherStep_NoMarkerFailure()
    {
        var store = Shop.Open(fixture.Simulator, StorefrontTemplate.CloudSlider);
        store.Storefront.Fault = StorefrontFault.BlankOrderPage;
        using var host = ReaderHost.Create();

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount, Shop.Out], CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.All(result.Products, p =>
        {
            Assert.Equal(StorefrontAvailability.Unknown, p.Availability);
            Assert.Equal(StorefrontFailureKind.NoMarker, p.Failure!.Kind);
            Assert.Contains("neither the configure step nor the out-of-stock page", p.Failure.Message, StringComparison.Ordinal);
        });
        // What the listing showed is still reported, only the stock is unknown.
        Assert.Equal("Starter", result.Get(Shop.InWithCount).Name);
    }

    [Fact]
    public async Task ReadAsync_ChallengeAfterDiscovery_StopsAtTheFirstPage()
    {
        var store = Shop.Open(fixture.Simulator, StorefrontTemplate.CloudSlider);
        using var host = ReaderHost.Create();
        await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);
        store.Storefront.ClearRequests();
        store.Storefront.Fault = StorefrontFault.CloudflareChallenge;

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);

        Assert.Equal(StorefrontFailureKind.Challenge, result.Failure!.Kind);
        Assert.Equal(1, store.Storefront.RequestCount);
    }

    [Fact]
    public async Task ReadAsync_NotAWhmcsSite_NotAStorePageFailure()
    {
        var store = Shop.Open(fixture.Simulator);
        using var host = ReaderHost.Create();

        // The simulator's root answers 404 for anything that is not a store.
        var result = await host.Reader.ReadAsync(new Uri(fixture.Simulator.BaseAddress, "nothing-here"), [1], CancellationToken.None);

        Assert.Equal(StorefrontFailureKind.NotFound, result.Failure!.Kind);
        Assert.Contains("WHMCS root", result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Storefront.RequestCount);
    }

    [Fact]
    public async Task ReadAsync_RelativeOrFtpUrl_InvalidUrlFailure()
    {
        using var host = ReaderHost.Create();

        var result = await host.Reader.ReadAsync(new Uri("ftp://example.com/"), [1], CancellationToken.None);

        Assert.Equal(StorefrontFailureKind.Connection, result.Failure!.Kind);
        Assert.Contains("http://", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PageOver20MB_ConnectionFailureNamingTheLimit()
    {
        var store = Shop.Open(fixture.Simulator);
        store.Storefront.Fault = StorefrontFault.OversizedPage;
        using var host = ReaderHost.Create();

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);

        Assert.Equal(StorefrontFailureKind.Connection, result.Failure!.Kind);
        Assert.Contains("larger than allowed (20 MB)", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_SlowerThanTheTimeout_TimeoutFailure()
    {
        var store = Shop.Open(fixture.Simulator);
        store.Storefront.Latency = TimeSpan.FromSeconds(5);
        using var host = ReaderHost.Create(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        var result = await host.Reader.ReadAsync(store.WebsiteUrl, Shop.All, CancellationToken.None);

        Assert.Equal(StorefrontFailureKind.Timeout, result.Failure!.Kind);
        Assert.Contains("did not answer within 0.3 s", result.Failure.Message, StringComparison.Ordinal);
    }
}

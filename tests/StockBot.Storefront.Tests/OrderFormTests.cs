using Microsoft.Extensions.Time.Testing;
using StockBot.Simulator.Storefront;

namespace StockBot.Storefront.Tests;

/// <summary>
/// A listing is parsed in its order form's container only: where the container is found in the raw HTML, and that
/// reading the container tells exactly what reading the whole page tells, for every order-form family.
/// </summary>
public sealed class OrderFormTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string Nav = """<header><nav class="navbar"><a id="order-now" href="cart.php" class="order-button">Order Now</a><span class="qty">0 Available</span></nav></header>""";
    private const string Form = """<div id="order-standard_cart"><div class="row"><div class="product" id="product1"><span class="qty">3 Available</span></div></div></div>""";
    private const string Footer = """<footer><p>Out of Stock plans come back weekly.</p></footer>""";

    private static string Located(string html) =>
        OrderForm.Locate(html) is var (start, length) ? html.Substring(start, length) : "(none)";

    [Fact]
    public void Locate_WhmcsWrapper_ExactlyTheElementToItsEndTag()
    {
        Assert.Equal(Form, Located($"<html><head><title>Cart</title></head><body>{Nav}{Form}{Footer}</body></html>"));
    }

    [Fact]
    public void Locate_NestedTagsCommentsAndScripts_EndAtTheMatchingEndTag()
    {
        const string form = """
            <DIV ID='order-premium_comparison'><!-- </div> --><div><div id="product7"></div></div>
            <script>var x = '</div><div>';</script><style>div::after { content: "</div>"; }</style><br/><div class="x"/></div>
            """;

        Assert.Equal(form, Located($"<body>{Nav}{form}<div>after</div></body>"));
    }

    [Fact]
    public void Locate_LagomProductsSection_Found()
    {
        const string form = """<div class="section products" id="products"><div class="package" id="product4"></div></div>""";

        Assert.Equal(form, Located($"<body>{Nav}<h1>VPS</h1>{form}{Footer}</body>"));
    }

    [Fact]
    public void Locate_UnclosedContainer_RunsToTheEndOfThePage()
    {
        const string page = $"<body>{Nav}<div id=\"order-boxes\"><div id=\"product2\"></div>";

        Assert.Equal(page[page.IndexOf("<div id=\"order-boxes\"", StringComparison.Ordinal)..], Located(page));
    }

    [Theory]
    [InlineData("""<div id="product9">Related</div>""")]
    [InlineData("""<div id='product9'>Related</div>""")]
    [InlineData("""<div ID = product9>Related</div>""")]
    public void Locate_ProductBlockOutsideTheContainer_NoneSoTheWholePageIsParsed(string outside)
    {
        Assert.Equal("(none)", Located($"<body>{Nav}{Form}{outside}</body>"));
    }

    [Theory]
    [InlineData("""<body><div class="products"><div id="product1"></div></div></body>""")]
    [InlineData("""<body><div data-id="order-x"><div id="product1"></div></div></body>""")]
    [InlineData("<body><h1>Special offers</h1></body>")]
    public void Locate_NoContainer_None(string page)
    {
        Assert.Equal("(none)", Located(page));
    }

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
    public async Task ParseOrderForm_EachFamily_SameBlocksAsTheWholePage(StorefrontTemplate template, bool modern)
    {
        var store = Shop.Open(fixture.Simulator, template, modern);
        store.AddProduct(106, "Gone", 0, gid: 1);
        using var http = new HttpClient();
        foreach (var group in new[] { "cart.php?gid=1", "cart.php?gid=2" })
        {
            var uri = new Uri($"{store.WebsiteUrl}/{group}&language=english");
            var html = await http.GetStringAsync(uri);
            using var whole = PageParser.Parse(html);
            using var form = PageParser.ParseOrderForm(html);

            var expected = ProductBlocks.Parse(whole, uri);
            // The legacy boxes form has no product blocks at all: an empty container makes the reader parse the whole page.
            Assert.Equal(template != StorefrontTemplate.LegacyBoxes, expected.Count > 0);
            Assert.NotNull(form);
            Assert.Equal(expected, ProductBlocks.Parse(form, uri));
            Assert.True(OrderForm.Locate(html)!.Value.Length < html.Length, "the container is a part of the page");
        }
    }

    [Fact]
    public async Task ReadAsync_GroupAddedWithNothingMonitoredInIt_ReadAfterTheDiscoveryInterval()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var store = Shop.Open(fixture.Simulator, StorefrontTemplate.PremiumComparison);
        using var host = ReaderHost.Create(o => o.DiscoveryInterval = TimeSpan.FromHours(1), time);
        await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount, Shop.SecondGroupInStock], CancellationToken.None);
        store.Storefront.NameGroup(3, "Dedicated");
        store.AddProduct(301, "Dedi 1", 1, gid: 3);
        store.Storefront.ClearRequests();

        var before = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount, Shop.SecondGroupInStock], CancellationToken.None);
        var listingsBefore = store.Listings();
        time.Advance(TimeSpan.FromHours(1));
        var after = await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount, Shop.SecondGroupInStock], CancellationToken.None);

        // Within the interval only the known groups are asked for; then the navigation shows the new one, read at once.
        Assert.Equal(2, listingsBefore);
        Assert.DoesNotContain(before.Listed!, p => p.ProductId == 301);
        Assert.Equal(2 + 3, store.Listings());
        Assert.Contains(after.Listed!, p => p.ProductId == 301 && p.Group == "Dedicated");
        Assert.Equal(0, store.Probes());
    }

    [Fact]
    public async Task ReadCatalogueAsync_GroupAddedSinceDiscovery_Listed()
    {
        var store = Shop.Open(fixture.Simulator, StorefrontTemplate.SupremeComparison);
        using var host = ReaderHost.Create();
        await host.Reader.ReadAsync(store.WebsiteUrl, [Shop.InWithCount], CancellationToken.None);
        store.Storefront.NameGroup(3, "Dedicated");
        store.AddProduct(301, "Dedi 1", 0, gid: 3);

        var catalogue = await host.Reader.ReadCatalogueAsync(store.WebsiteUrl, CancellationToken.None);

        var listed = Assert.Single(catalogue.Products, p => p.ProductId == 301);
        Assert.Equal(("Dedicated", StorefrontAvailability.Out), (listed.Group, listed.Availability));
    }
}

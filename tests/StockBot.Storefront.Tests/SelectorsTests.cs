namespace StockBot.Storefront.Tests;

/// <summary>The compiled selectors find exactly what AngleSharp's QuerySelector, QuerySelectorAll and Closest find.</summary>
public sealed class SelectorsTests
{
    private const string Html = """
        <html><body><header><span>Menu</span></header>
        <div id="order-standard_cart"><div class="product" id="product1"><header><span id="product1-name">Plan A</span></header>
        <div class="price-area"><span class="price">$5.00 USD</span> Monthly</div><span class="qty">3 Available</span>
        <a href="cart.php?a=add&pid=1" class="btn-order-now disabled">Order</a><div class="qty package-qty">nested <b class="qty">0 Available</b></div></div>
        <nav class="sidebar"><div id="product2"><a href="cart.php?a=add&pid=2" class="order-button unavailable">Out of Stock</a></div></nav></div>
        </body></html>
        """;

    private static readonly string[] Queries =
    [
        ".qty, .package-qty", "a[href]", "header span, h1", ".order-button.unavailable, .btn-order-now.disabled", "[id^='product']", ".price, .amount", "nav, .sidebar",
    ];

    [Fact]
    public void AllAndFirst_SameQueriesAsAngleSharp_SameElementsInDocumentOrder()
    {
        using var document = PageParser.Parse(Html);
        var block = document.GetElementById("product1")!;
        foreach (var query in Queries)
        {
            var selector = Selectors.Compile(query);
            Assert.Equal(block.QuerySelectorAll(query), Selectors.All(block, selector));
            Assert.Equal(document.QuerySelectorAll(query), Selectors.All(document, selector));
            Assert.Same(block.QuerySelector(query), Selectors.First(block, selector));
            Assert.Same(document.QuerySelector(query), Selectors.First(document, selector));
        }
    }

    [Fact]
    public void WithId_NestedId_TheElementAnIdSelectorFinds()
    {
        using var document = PageParser.Parse(Html);
        var block = document.GetElementById("product1")!;
        Assert.Same(block.QuerySelector("#product1-name"), Selectors.WithId(block, "product1-name"));
        Assert.Null(Selectors.WithId(block, "product1"));
        Assert.Null(Selectors.WithId(block, "PRODUCT1-NAME"));
    }

    [Fact]
    public void Closest_InsideAndOutsideChrome_SameAsAngleSharp()
    {
        using var document = PageParser.Parse(Html);
        const string chrome = "nav, header, footer, .sidebar";
        var selector = Selectors.Compile(chrome);
        foreach (var element in document.QuerySelectorAll("*"))
        {
            Assert.Same(element.Closest(chrome), Selectors.Closest(element, selector));
        }
    }

    // Every selector the reader compiles, on elements whose class attributes are near misses: extra classes, other case,
    // a class that contains the wanted one ("price-area" for ".price"), spaces of every kind, and no class at all.
    private const string NearMisses = """
        <html><body><div id="order-x"><div class="PACKAGE product" id="product3"><header><span>H</span></header>
        <div class="price-area	xprice"><span class="Price">$1</span><span class="price-amount
        amount">$2</span></div><span class="qty-wrap">9 Available</span><span class="package-qty">2 Available</span>
        <a href="#" class="btn-order-now" disabled>x</a><a class="order-button  unavailable">y</a><span class="order-unavailable-not">z</span>
        <a href="index.php?m=product_restock_notifier">n</a><h4 class="">t</h4><div>plain</div></div></div>
        <nav class="navbar"><div class="related-products"><footer>f</footer></div></nav></body></html>
        """;

    // The reader's own selectors, so that a selector added or changed there is checked here too.
    private static readonly IReadOnlyList<CompiledSelector> ReaderSelectors = [.. ProductBlocks.Compiled, PageMarkers.Chrome];

    [Theory]
    [InlineData(NearMisses)]
    [InlineData("<!DOCTYPE html>" + NearMisses)]
    public void All_ReaderSelectorsOnNearMissClasses_SameElementsAsAngleSharp(string html)
    {
        using var document = PageParser.Parse(html);
        foreach (var selector in ReaderSelectors)
        {
            Assert.Equal(document.QuerySelectorAll(selector.Text), Selectors.All(document, selector));
            foreach (var element in document.QuerySelectorAll("*"))
            {
                Assert.Same(element.Closest(selector.Text), Selectors.Closest(element, selector));
            }
        }
    }

    [Theory]
    [InlineData("package")]
    [InlineData("product")]
    [InlineData("Package")]
    [InlineData("pack")]
    [InlineData("price")]
    [InlineData("xprice")]
    [InlineData("amount")]
    [InlineData("unavailable")]
    public void HasClass_AnyElement_SameAsClassList(string name)
    {
        using var document = PageParser.Parse(NearMisses);
        foreach (var element in document.QuerySelectorAll("*"))
        {
            Assert.Equal(element.ClassList.Contains(name), Selectors.HasClass(element, name));
        }
    }
}

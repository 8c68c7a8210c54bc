using AngleSharp.Html.Parser;

namespace StockBot.Storefront.Tests;

/// <summary>The block parsers on small pages in the shape of each order form.</summary>
public sealed class ProductBlocksTests
{
    private static readonly Uri PageUri = new("https://billing.example.com/cart.php?gid=1");

    private static IReadOnlyList<StorefrontListedBlockView> Parse(string body)
    {
        using var document = new HtmlParser().ParseDocument($"<html><body>{body}</body></html>");
        return [.. ProductBlocks.Parse(document, PageUri).Select(b => new StorefrontListedBlockView(b.ProductId, b.Availability, b.Quantity, b.Name, b.Price, b.BillingCycle))];
    }

    [Fact]
    public void Parse_StandardCartWithCount_InWithCountNameAndPrice()
    {
        var blocks = Parse("""
            <div id="order-standard_cart"><div class="product clearfix" id="product7"><header><span id="product7-name">VPS 1</span>
            <span class="qty">
                4 Available
            </span></header><footer><div class="product-pricing" id="product7-price"><span class="price">$5.00 USD</span><br />
            Monthly</div><a href="cart.php?a=add&amp;pid=7" class="btn btn-success">Order Now</a></footer></div></div>
            """);

        Assert.Equal([new StorefrontListedBlockView(7, StorefrontAvailability.In, 4, "VPS 1", "$5.00 USD", "Monthly")], blocks);
    }

    [Fact]
    public void Parse_StandardCartWithoutCount_UnknownSoTheOrderLinkDecides()
    {
        var blocks = Parse("""
            <div id="order-standard_cart"><div class="product clearfix" id="product7"><header><span>VPS 1</span></header>
            <a href="cart.php?a=add&amp;pid=7" class="btn btn-success">Order Now</a></div></div>
            """);

        Assert.Equal(StorefrontAvailability.Unknown, Assert.Single(blocks).Availability);
    }

    [Theory]
    [InlineData("premium_comparison")]
    [InlineData("pure_comparison")]
    [InlineData("universal_slider")]
    public void Parse_ComparisonUnavailableSpan_OutAndOrderLinkIn(string family)
    {
        var blocks = Parse($"""
            <div id="order-{family}"><ul>
            <li id="product1"><h4 id="product1-name">A</h4><div class="price" id="product1-price">$5.00 USD Monthly</div>
              <span id="product1-unavailable" class="order-button unavailable">Out of Stock</span></li>
            <li id="product2"><h4 id="product2-name">B</h4><a href="index.php?rp=/store/vps/b" class="order-button" id="product2-order-button">Order Now</a></li>
            </ul></div>
            """);

        Assert.Equal([StorefrontAvailability.Out, StorefrontAvailability.In], blocks.Select(b => b.Availability));
        Assert.Equal(("$5.00 USD", "Monthly"), (blocks[0].Price, blocks[0].BillingCycle));
    }

    [Fact]
    public void Parse_SupremeOrderUnavailable_Out()
    {
        var blocks = Parse("""
            <div id="order-supreme_comparison"><div class="price-table" id="product3"><h3>C</h3><div class="order-unavailable">Out of Stock</div></div>
            <div class="price-table" id="product4"><h3>D</h3><a class="btn btn-order" href="cart.php?a=add&amp;pid=4">Order Now</a></div></div>
            """);

        Assert.Equal([StorefrontAvailability.Out, StorefrontAvailability.In], blocks.Select(b => b.Availability));
    }

    [Fact]
    public void Parse_LagomPackageQty_CountAndDisabledButton()
    {
        var blocks = Parse("""
            <div class="package" id="product5"><h3 class="package-title">E</h3><div class="package-price"><div class="price">$9.99 USD Annually</div></div>
              <a href="#" class="btn btn-primary btn-order-now disabled">Order Now</a><div class="package-qty">0 Available</div></div>
            <div class="package" id="product6"><h3 class="package-title">F</h3><a href="index.php?rp=/store/x/f" class="btn btn-order-now">Order Now</a>
              <div class="package-qty">12 Available</div></div>
            <div class="package" id="product8"><h3 class="package-title">G</h3><a href="index.php?rp=/store/x/g" class="btn btn-order-now">Order Now</a></div>
            """);

        Assert.Equal(
            [new(5, StorefrontAvailability.Out, 0, "E", "$9.99 USD", "Annually"), new(6, StorefrontAvailability.In, 12, "F", null, null), new(8, StorefrontAvailability.In, null, "G", null, null)],
            blocks);
    }

    [Fact]
    public void Parse_LagomRestockNotifierLink_OutEvenThoughItSaysAvailable()
    {
        var blocks = Parse("""
            <div class="package" id="product9"><h3 class="package-title">H</h3>
              <a href="index.php?m=product_restock_notifier&amp;_action=notify&amp;_pid=9" class="btn btn-primary-faded">Notify Me When Available</a></div>
            """);

        Assert.Equal(StorefrontAvailability.Out, Assert.Single(blocks).Availability);
    }

    [Fact]
    public void Parse_CloudSliderWithoutMarker_Unknown()
    {
        var blocks = Parse("""
            <div id="order-cloud_slider"><div class="product-info" id="product10"><h4>I</h4><a href="cart.php?a=add&amp;pid=10" class="order-button">Order Now</a></div></div>
            """);

        Assert.Equal(StorefrontAvailability.Unknown, Assert.Single(blocks).Availability);
    }

    [Theory]
    [InlineData("Unavailable")]
    [InlineData("Available soon")]
    [InlineData("Always available")]
    public void Parse_QtyTextWithoutANumber_NoCount(string text)
    {
        var blocks = Parse($"""
            <div id="order-standard_cart"><div class="product" id="product11"><span class="qty">{text}</span><a href="cart.php?a=add&amp;pid=11">Order Now</a></div></div>
            """);

        Assert.Equal((StorefrontAvailability.Unknown, (int?)null), (Assert.Single(blocks).Availability, blocks[0].Quantity));
    }

    [Fact]
    public void Parse_TrapWordsOutsideBlocks_ChangeNothing()
    {
        var blocks = Parse("""
            <nav class="navbar"><a href="cart.php">Order Now</a><span class="qty">0 Available</span><span class="order-button unavailable">Out of Stock</span></nav>
            <div id="order-premium_comparison"><ul><li id="product12"><h4>J</h4><a href="cart.php?a=add&amp;pid=12" class="order-button">Order Now</a></li></ul></div>
            <div class="related-products"><div id="product12-related" data-pid="12"><span class="qty">0 Available</span><span class="order-button unavailable">Out of Stock</span></div></div>
            <footer><div class="product" id="product13"><span class="qty">0 Available</span></div></footer>
            """);

        Assert.Equal([new StorefrontListedBlockView(12, StorefrontAvailability.In, null, "J", null, null)], blocks);
    }

    [Fact]
    public void Parse_BlockIdsNumberedByPosition_PidsFromTheOrderLinks()
    {
        // Older standard_cart numbers blocks 1, 2, ...; the order links carry the real pids.
        var blocks = Parse("""
            <div id="order-standard_cart">
            <div class="product" id="product1"><span class="qty">3 Available</span><a href="cart.php?a=add&amp;pid=40">Order Now</a></div>
            <div class="product" id="product2"><span class="qty">1 Available</span><a href="cart.php?a=add&amp;pid=41">Order Now</a></div>
            <div class="product" id="product3"><span class="qty">2 Available</span></div></div>
            """);

        Assert.Equal([40, 41], blocks.Select(b => b.ProductId));
    }

    [Theory]
    [InlineData("<span class=\"price\">€4,99 EUR</span> Quarterly", "€4,99 EUR", "Quarterly")]
    [InlineData("Starting from <span class=\"price\">£10.00 GBP</span><br/>Semi-Annually", "£10.00 GBP", "Semi-Annually")]
    [InlineData("<span class=\"price\">$60.00 USD</span><br>Annually", "$60.00 USD", "Annually")]
    public void Parse_PriceAndCycle_AsTheStoreShowsThem(string pricing, string price, string cycle)
    {
        var blocks = Parse($"""
            <div id="order-standard_cart"><div class="product" id="product14"><div class="product-pricing">{pricing}</div><a href="cart.php?a=add&amp;pid=14">Order Now</a></div></div>
            """);

        Assert.Equal((price, cycle), (Assert.Single(blocks).Price, blocks[0].BillingCycle));
    }

    [Fact]
    public void Parse_BundleBlocks_Ignored()
    {
        var blocks = Parse("""<div id="order-standard_cart"><div class="product" id="bundle2"><a href="cart.php?a=add&amp;bid=2">Order Now</a></div></div>""");

        Assert.Empty(blocks);
    }

    [Theory]
    [InlineData("https://billing.example.com/cart.php?gid=1", "cart.php?a=add&amp;pid=9")]
    [InlineData("https://billing.example.com/cart.php?gid=1", "cart.php?A=ADD&amp;PID=9#order")]
    [InlineData("https://billing.example.com/cart.php?gid=1", "cart.php?a=add&amp;p%69d=9")]
    [InlineData("https://billing.example.com/cart.php?gid=1", "cart.php?a=add&amp;p&#9;id=9")]
    [InlineData("https://billing.example.com/cart.php?gid=1", " ?a=add&amp;pid=9 ")]
    [InlineData("https://billing.example.com/cart.php?gid=1", "https://other.example/cart.php?a=add&amp;pid=9")]
    [InlineData("https://billing.example.com/cart.php?gid=1", "index.php?rp=/store/vps/a")]
    [InlineData("https://billing.example.com/cart.php?gid=1", "#")]
    [InlineData("https://billing.example.com/cart.php?gid=1", "")]
    [InlineData("https://billing.example.com/cart.php?a=add&pid=9", "")]
    [InlineData("https://billing.example.com/cart.php?a=add&pid=9", "#top")]
    [InlineData("https://billing.example.com/cart.php?a=add&pid=9", "cart.php?gid=2")]
    public void Parse_OrderLinkOfAnyShape_PidAsTheResolvedUrlTellsIt(string page, string href)
    {
        var pageUri = new Uri(page);
        using var document = PageParser.Parse($"""
            <html><body><div id="order-standard_cart"><div class="product" id="product1"><span class="qty">2 Available</span><a href="{href}">Order</a></div></div></body></html>
            """);
        // The reference: every link resolved against the page, its query read (what the reader did before it skipped links).
        var resolved = document.QuerySelector("a")!.GetAttribute("href");
        var expected = Uri.TryCreate(pageUri, resolved, out var url) && PageMarkers.QueryValue(url, "a") is { } action
            && action.Equals("add", StringComparison.OrdinalIgnoreCase) && int.TryParse(PageMarkers.QueryValue(url, "pid"), out var pid)
            ? pid
            : 1;

        Assert.Equal(expected, Assert.Single(ProductBlocks.Parse(document, pageUri)).ProductId);
    }

    internal sealed record StorefrontListedBlockView(int ProductId, StorefrontAvailability Availability, int? Quantity, string? Name, string? Price, string? BillingCycle);
}

using AngleSharp.Html.Parser;

namespace StockBot.Storefront.Tests;

public sealed class PageMarkersTests
{
    private static readonly Uri Root = new("https://billing.example.com/whmcs");

    [Fact]
    public void IsOutOfStockPage_WhmcsErrorPage_True()
    {
        using var document = new HtmlParser().ParseDocument("""
            <nav class="navbar"><a href="cart.php">Order Now</a></nav><div class="container"><h1>Out of Stock</h1>
            <p>We are currently out of stock on this item so orders for it have been suspended until more stock is available.</p></div>
            """);

        Assert.True(PageMarkers.IsOutOfStockPage(document));
    }

    [Fact]
    public void IsOutOfStockPage_WordsOnlyInMenusAndRelatedProducts_False()
    {
        using var document = new HtmlParser().ParseDocument("""
            <nav class="navbar"><h3>Out of Stock</h3></nav><div class="container"><h1>Configure</h1>
            <div class="related-products"><h3>Out of Stock</h3></div></div><footer><p>currently out of stock on this item</p></footer>
            """);

        Assert.False(PageMarkers.IsOutOfStockPage(document));
    }

    [Fact]
    public void IsLoginPage_PasswordFormPostingToLogin_True()
    {
        using var document = new HtmlParser().ParseDocument("""<form action="dologin.php" method="post"><input name="username"><input type="password" name="password"></form>""");

        Assert.True(PageMarkers.IsLoginPage(document));
    }

    [Theory]
    [InlineData("https://billing.example.com/whmcs/login.php", true)]
    [InlineData("https://billing.example.com/whmcs/clientarea.php", true)]
    [InlineData("https://billing.example.com/whmcs/index.php?rp=/login", true)]
    [InlineData("https://billing.example.com/whmcs/cart.php?a=confproduct&i=0", false)]
    public void IsLoginLocation_WhmcsLoginRoutes_Recognised(string url, bool expected) =>
        Assert.Equal(expected, PageMarkers.IsLoginLocation(new Uri(url)));

    [Theory]
    [InlineData("cart.php?gid=3", "gid:3")]
    [InlineData("/whmcs/cart.php?gid=3&language=english", "gid:3")]
    [InlineData("index.php?rp=/store/shared-hosting", "store:shared-hosting")]
    [InlineData("/whmcs/store/VPS", "store:vps")]
    [InlineData("/whmcs/index.php/store/vps", "store:vps")]
    [InlineData("index.php?rp=/store/vps/small", null)]
    [InlineData("cart.php?a=add&pid=3", null)]
    [InlineData("cart.php", null)]
    [InlineData("/other/store/vps", null)]
    public void KeyOf_GroupLinks_OnlyGroupListings(string href, string? expected) =>
        Assert.Equal(expected, GroupLinks.KeyOf(new Uri(new Uri("https://billing.example.com/whmcs/cart.php"), href), Root));

    [Fact]
    public void GroupLinks_SidebarAndDropdown_OneGroupEachNamedBySidebarSameHostOnly()
    {
        using var document = new HtmlParser().ParseDocument("""
            <nav><a href="#">Store</a><a href="cart.php?gid=1">Browse Shared</a><a href="https://other.example/cart.php?gid=9">Partner</a></nav>
            <div class="sidebar"><a menuItemName="Shared Hosting" href="cart.php?gid=1" class="list-group-item active" id="Secondary_Sidebar-Categories-Shared">Shared Hosting</a>
            <a menuItemName="VPS" href="index.php?rp=/store/vps" class="list-group-item" id="Secondary_Sidebar-Categories-VPS">VPS</a></div>
            """);

        var groups = GroupLinks.Parse(document, new Uri("https://billing.example.com/whmcs/cart.php"), Root);

        Assert.Equal([("gid:1", "Shared Hosting", true), ("store:vps", "VPS", false)], groups.Select(g => (g.Key, g.Name, g.Active)));
        Assert.Equal("https://billing.example.com/whmcs/index.php?rp=/store/vps", groups[1].Url.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://x.example/", "https://x.example/")]
    [InlineData("https://x.example/whmcs/cart.php?gid=1", "https://x.example/whmcs")]
    [InlineData("https://x.example/whmcs/index.php", "https://x.example/whmcs")]
    [InlineData("https://x.example/includes/api.php", "https://x.example/")]
    public void TryGetRoot_PastedUrls_WhmcsRoot(string url, string root)
    {
        Assert.True(StorefrontSite.TryGetRoot(new Uri(url), out var actual));
        Assert.Equal(root, actual.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://x.example/cart.php", "https://x.example/cart.php?language=english")]
    [InlineData("https://x.example/cart.php?a=add&pid=3", "https://x.example/cart.php?a=add&pid=3&language=english")]
    [InlineData("https://x.example/cart.php?language=english", "https://x.example/cart.php?language=english")]
    public void WithEnglish_AnyUrl_LanguageAddedOnce(string url, string expected) =>
        Assert.Equal(expected, StorefrontFetcher.WithEnglish(new Uri(url)).AbsoluteUri);
}

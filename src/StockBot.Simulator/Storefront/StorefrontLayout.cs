namespace StockBot.Simulator.Storefront;

/// <summary>
/// The page around the content: a navbar, the categories sidebar and a related-products box. They
/// carry the words a careless reader trips on ("Order Now", "Out of Stock", "Available") on purpose.
/// </summary>
internal static class StorefrontLayout
{
    public static string Page(StoreView view, string title, string content, int? activeGid = null)
    {
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(title).Append(" - Simulated Hosting</title></head><body>");
        Navbar(html, view);
        html.Append("<section id=\"main-body\"><div class=\"container\"><div class=\"row\">");
        if (view.Groups.Count > 0)
        {
            Sidebar(html, view, activeGid);
        }

        html.Append("<div class=\"col-md-9 pull-md-right\">").Append(content);
        Related(html, view);
        html.Append("</div></div></div></section><footer id=\"footer\"><p>Order Now: servers Available in 3 regions. ")
            .Append("Out of Stock plans come back weekly.</p></footer></body></html>");
        return html.ToString();
    }

    public static string OutOfStock(StoreView view)
    {
        var content = view.Template == StorefrontTemplate.LegacyBoxes
            ? $"<div class=\"alert alert-danger\"><strong>{view.OutOfStockTitle}</strong><br />{view.OutOfStockText}</div>"
            : $"<div class=\"header-lined\"><h1>{view.OutOfStockTitle}</h1></div><p>{view.OutOfStockText}</p>";
        return Page(view, view.OutOfStockTitle, content);
    }

    public static string Configure(StoreView view) => Page(view, "Shopping Cart",
        "<div id=\"order-standard_cart\"><h1>Configure</h1><p>Configure your desired options and continue to checkout.</p>" +
        "<form method=\"post\" action=\"cart.php?a=confproduct&amp;i=0\" id=\"frmConfigureProduct\"><button type=\"submit\" class=\"btn btn-primary\">Continue</button></form></div>");

    public static string RestockNotifier(StoreView view) => Page(view, "Product Restock Notifier",
        "<h1>Notify me when available</h1><p>Leave your email and we will tell you when this product is back.</p>");

    public static string Blank(StoreView view) => Page(view, "Welcome",
        "<h1>Special offers</h1><p>Have a look at our plans.</p>");

    public static string Login(StoreView view) => Page(view, "Login",
        "<h1>Login</h1><form method=\"post\" action=\"dologin.php\"><input type=\"email\" name=\"username\" />" +
        "<input type=\"password\" name=\"password\" /><button type=\"submit\">Login</button></form>");

    public const string Maintenance =
        "<!DOCTYPE html><html><head><title>Down for Maintenance</title></head><body><h1>Down for Maintenance</h1>" +
        "<p>We are currently performing maintenance and will be back shortly.</p></body></html>";

    public const string ServerError =
        "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>";

    public const string CloudflareChallenge =
        "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head><body>" +
        "<div id=\"cf-chl-widget\">Checking if the site connection is secure</div>" +
        "<script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1\"></script></body></html>";

    private static void Navbar(StringBuilder html, StoreView view)
    {
        html.Append("<header id=\"header\"><nav class=\"navbar\"><ul class=\"nav\"><li><a href=\"index.php\">Home</a></li>")
            .Append("<li><a href=\"cart.php\" class=\"btn order-button\">Order Now</a></li>")
            .Append("<li><a href=\"index.php?rp=/announcements\">Out of Stock? Get notified</a></li>")
            .Append("<li class=\"dropdown\"><a href=\"#\">Store</a><ul class=\"dropdown-menu\">");
        foreach (var gid in view.Groups)
        {
            html.Append("<li><a href=\"").Append(view.GroupUrl(gid)).Append("\">Browse ").Append(view.GroupName(gid)).Append("</a></li>");
        }

        html.Append("</ul></li><li><span class=\"qty\">0 Available</span><span class=\"order-button unavailable\">Out of Stock</span></li>")
            .Append("</ul></nav></header>");
    }

    private static void Sidebar(StringBuilder html, StoreView view, int? activeGid)
    {
        html.Append("<div class=\"col-md-3 pull-md-left sidebar\"><div menuItemName=\"Categories\" class=\"panel card panel-sidebar\">")
            .Append("<div class=\"panel-heading\"><h3 class=\"panel-title\">Categories</h3></div><div class=\"list-group\">");
        foreach (var gid in view.Groups)
        {
            var name = view.GroupName(gid);
            html.Append("<a menuItemName=\"").Append(name).Append("\" href=\"").Append(view.GroupUrl(gid))
                .Append("\" class=\"list-group-item").Append(gid == activeGid ? " active" : string.Empty)
                .Append("\" id=\"Secondary_Sidebar-Categories-").Append(StoreView.GroupSlug(gid)).Append("\">")
                .Append(name).Append("</a>");
        }

        html.Append("</div></div></div>");
    }

    // WHMCS's recommendations and themes' "related products" name other products with their own buttons.
    private static void Related(StringBuilder html, StoreView view)
    {
        if (view.Store.Products.Length == 0)
        {
            return;
        }

        var other = view.Store.Products[0];
        html.Append("<div class=\"related-products\"><h3>Customers also viewed</h3><div class=\"product-recommendation\" data-pid=\"")
            .Append(other.PidText).Append("\"><span class=\"name\">").Append(other.HtmlName).Append("</span>")
            .Append("<span class=\"qty\">0 Available</span><span class=\"order-button unavailable\">Out of Stock</span>")
            .Append("<a href=\"cart.php?a=add&amp;pid=").Append(other.PidText).Append("\" class=\"order-button\">Order Now</a></div></div>");
    }
}

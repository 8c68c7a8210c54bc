namespace StockBot.Simulator.Storefront;

/// <summary>
/// Lagom 2: <c>package-qty</c> for stock-controlled products (also at 0), a disabled Order button at 0,
/// or with the restock notifier a "Notify me" link in its place.
/// </summary>
internal static class LagomTemplate
{
    public static void Write(StringBuilder html, StoreView view, IEnumerable<SimulatedProduct> products)
    {
        var notifier = view.Template == StorefrontTemplate.LagomRestockNotifier;
        StoreView.Listing(html, "<div class=\"section products\" id=\"products\"><div class=\"row row-eq-height\">", "</div></div>", products, (product, id) =>
        {
            var stock = product.Stock;
            html.Append("<div class=\"col\"><div class=\"package\" id=\"").Append(id).Append("\"><div class=\"package-side package-side-left\">")
                .Append("<div class=\"package-header\"><h3 class=\"package-title\">").Append(product.HtmlName)
                .Append("</h3></div><div class=\"package-body\"><p>A simulated plan.</p></div></div>")
                .Append("<div class=\"package-footer package-side package-side-right\"><div class=\"package-price\"><div class=\"price\">")
                .Append("<span class=\"price-amount\">").Append(StoreView.Price).Append("</span> <span class=\"price-cycle\">").Append(StoreView.Cycle)
                .Append("</span></div></div>");
            if (notifier && stock is <= 0)
            {
                html.Append("<a href=\"index.php?m=product_restock_notifier&amp;_action=notify&amp;_pid=").Append(product.PidText)
                    .Append("\" class=\"btn btn-lg btn-primary-faded\">Notify Me When Available</a>");
            }
            else
            {
                html.Append("<a href=\"").Append(view.OrderUrl(product)).Append("\" class=\"btn btn-lg btn-primary btn-order-now")
                    .Append(stock == 0 ? " disabled" : string.Empty).Append("\" id=\"").Append(id).Append("-order-button\">Order Now</a>");
            }

            if (stock is { } level)
            {
                html.Append("<div class=\"package-qty\">").Append(StoreView.Text(level)).Append(' ').Append(view.Available).Append("</div>");
            }

            html.Append("</div></div></div>");
        });
    }
}

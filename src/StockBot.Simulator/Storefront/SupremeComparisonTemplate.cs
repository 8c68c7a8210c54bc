namespace StockBot.Simulator.Storefront;

/// <summary>supreme_comparison: a sold-out product shows <c>order-unavailable</c> instead of its button.</summary>
internal static class SupremeComparisonTemplate
{
    public static void Write(StringBuilder html, StoreView view, IEnumerable<SimulatedProduct> products)
    {
        StoreView.Listing(html, "<div id=\"order-supreme_comparison\"><div class=\"pricing-container\" id=\"products\">", "</div></div>", products, (product, id) =>
        {
            html.Append("<div class=\"price-table\" id=\"").Append(id).Append("\"><div class=\"plan-name\"><h3 id=\"").Append(id).Append("-name\">")
                .Append(product.HtmlName).Append("</h3></div><div class=\"price\" id=\"").Append(id).Append("-price\"><span class=\"amount\">")
                .Append(StoreView.Price).Append("</span> <span class=\"cycle\">").Append(StoreView.Cycle).Append("</span></div>");
            html.Append(product.Stock == 0
                ? "<div class=\"order-unavailable\">Out of Stock</div>"
                : $"<a href=\"{view.OrderUrl(product)}\" class=\"btn btn-order\" id=\"{id}-order-button\">Order Now</a>");
            html.Append("</div>");
        });
    }
}

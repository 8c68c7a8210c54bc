namespace StockBot.Simulator.Storefront;

/// <summary>WHMCS's standard_cart listing: "N Available" only when stock control is on and N is not 0.</summary>
internal static class StandardCartTemplate
{
    public static void Write(StringBuilder html, StoreView view, IEnumerable<SimulatedProduct> products)
    {
        StoreView.Listing(html, "<div id=\"order-standard_cart\"><div class=\"products\" id=\"products\"><div class=\"row row-eq-height\">", "</div></div></div>", products, (product, id) =>
        {
            html.Append("<div class=\"col-md-6\"><div class=\"product clearfix\" id=\"").Append(id).Append("\"><header><span id=\"")
                .Append(id).Append("-name\">").Append(product.HtmlName).Append("</span>");
            // Smarty's {if $product.qty} is false for "0": the count disappears exactly when it matters.
            if (product.Stock is int level and > 0)
            {
                html.Append("<span class=\"qty\">").Append(StoreView.Text(level)).Append(' ').Append(view.Available).Append("</span>");
            }

            html.Append("</header><div class=\"product-desc\"><p>A simulated plan.</p></div><footer><div class=\"product-pricing\" id=\"")
                .Append(id).Append("-price\"><span class=\"price\">").Append(StoreView.Price).Append("</span><br />").Append(StoreView.Cycle)
                .Append("<br></div><a href=\"").Append(view.OrderUrl(product)).Append("\" class=\"btn btn-success btn-sm\" id=\"")
                .Append(id).Append("-order-button\">Order Now</a></footer></div></div>");
        });
    }
}

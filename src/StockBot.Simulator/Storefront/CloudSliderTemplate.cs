namespace StockBot.Simulator.Storefront;

/// <summary>cloud_slider: every product keeps its Order button whatever its stock; only a=add tells.</summary>
internal static class CloudSliderTemplate
{
    public static void Write(StringBuilder html, StoreView view, IEnumerable<SimulatedProduct> products)
    {
        StoreView.Listing(html, "<div id=\"order-cloud_slider\"><div class=\"cloud-slider\" id=\"products\">", "</div></div>", products, (product, id) =>
        {
            html.Append("<div class=\"product-info\" id=\"").Append(id).Append("\"><h4 class=\"product-name\">").Append(product.HtmlName)
                .Append("</h4><span class=\"price\">").Append(StoreView.Price).Append(' ').Append(StoreView.Cycle).Append("</span><a href=\"")
                .Append(view.OrderUrl(product)).Append("\" class=\"order-button\">Order Now</a></div>");
        });
    }
}

namespace StockBot.Simulator.Storefront;

/// <summary>
/// premium_comparison, pure_comparison and universal_slider: a sold-out product's order link is
/// replaced by <c>&lt;span class="order-button unavailable"&gt;Out of Stock&lt;/span&gt;</c>.
/// </summary>
internal static class ComparisonTemplates
{
    public static void Write(StringBuilder html, StoreView view, IEnumerable<SimulatedProduct> products)
    {
        var (wrapper, container, item, box) = view.Template switch
        {
            StorefrontTemplate.PureComparison => ("order-pure_comparison", "<div class=\"price-table-container\" id=\"products\"><ul>", "li", "price-table"),
            StorefrontTemplate.UniversalSlider => ("order-universal_slider", "<div class=\"product-slider\" id=\"products\"><div class=\"slides\">", "div", "product-info"),
            _ => ("order-premium_comparison", "<div class=\"price-table-container\" id=\"products\"><ul>", "li", "price-table"),
        };
        html.Append("<div id=\"").Append(wrapper).Append("\"><div class=\"main-container\">").Append(container);
        foreach (var product in products)
        {
            var id = "product" + product.PidText;
            html.Append('<').Append(item).Append(" id=\"").Append(id).Append("\"><div class=\"").Append(box).Append("\"><div class=\"top-head\"><h4 id=\"")
                .Append(id).Append("-name\">").Append(product.HtmlName).Append("</h4><div class=\"price-area\"><div class=\"price\" id=\"")
                .Append(id).Append("-price\">").Append(StoreView.Price).Append(' ').Append(StoreView.Cycle).Append("<br></div>");
            if (product.Stock == 0)
            {
                html.Append("<span id=\"").Append(id).Append("-unavailable\" class=\"order-button unavailable\">Out of Stock</span>");
            }
            else
            {
                html.Append("<a href=\"").Append(view.OrderUrl(product)).Append("\" class=\"order-button\" id=\"").Append(id)
                    .Append("-order-button\">Order Now</a>");
            }

            html.Append("</div></div><ul><li id=\"").Append(id).Append("-description\">Always available support</li></ul></div></")
                .Append(item).Append('>');
        }

        html.Append(item == "li" ? "</ul></div>" : "</div></div>").Append("</div></div>");
    }
}

namespace StockBot.Simulator.Storefront;

/// <summary>The legacy "boxes" order form: a radio list, no product blocks, no stock marker.</summary>
internal static class LegacyBoxesTemplate
{
    public static void Write(StringBuilder html, IEnumerable<SimulatedProduct> products)
    {
        html.Append("<div id=\"order-boxes\"><form method=\"post\" action=\"cart.php?a=add\">");
        foreach (var product in products)
        {
            html.Append("<div class=\"product-box\"><label><input type=\"radio\" name=\"pid\" value=\"").Append(product.PidText).Append("\" /> <strong>")
                .Append(product.HtmlName).Append("</strong> - ").Append(StoreView.Price).Append(' ').Append(StoreView.Cycle).Append("</label></div>");
        }

        html.Append("<input type=\"submit\" value=\"Order Now\" class=\"btn btn-primary\" /></form></div>");
    }
}

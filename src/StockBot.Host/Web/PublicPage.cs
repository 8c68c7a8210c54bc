using System.Text;
using System.Text.Encodings.Web;
using StockBot.Core.Monitors;

namespace StockBot.Host.Web;

/// <summary>
/// The public stock page as HTML: every text and attribute through <see cref="HtmlEncoder"/>, a sparkline as inline
/// SVG, links only when they are http(s). /app.js keeps the same markup up to date (textContent, never innerHTML).
/// </summary>
public static class PublicPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Render(IReadOnlyList<PublicMonitor> monitors)
    {
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Stock</title><link rel=\"stylesheet\" href=\"").Append(PublicEndpoints.StylePath).Append("\">")
            .Append("<script src=\"").Append(PublicEndpoints.ScriptPath).Append("\" defer></script></head><body>")
            .Append("<header><h1>Stock</h1><p id=\"live\" class=\"live\">Updated after each check</p></header><main>")
            .Append("<ul id=\"monitors\" class=\"monitors\">");
        foreach (var monitor in monitors)
        {
            Row(html, monitor);
        }

        html.Append("</ul><p id=\"empty\" class=\"empty\"").Append(monitors.Count == 0 ? string.Empty : " hidden").Append(">Nothing listed yet.</p>")
            .Append("</main></body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, PublicMonitor m)
    {
        html.Append("<li class=\"monitor ").Append(m.InStock ? "in" : "out").Append("\">")
            .Append("<h2 class=\"product\">").Append(Html.Encode(m.Product)).Append("</h2>")
            .Append("<p class=\"where\"><span class=\"website\">").Append(Html.Encode(m.Website)).Append("</span>")
            .Append("<span class=\"region\">").Append(Html.Encode(m.Region ?? string.Empty)).Append("</span></p>")
            .Append("<p class=\"stock\">").Append(Html.Encode(StockText(m))).Append("</p>")
            .Append("<p class=\"price\">").Append(Html.Encode(m.Price ?? string.Empty)).Append("</p>")
            .Append("<svg class=\"spark\" viewBox=\"0 0 100 24\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"stock over 7 days\">")
            .Append("<polyline points=\"").Append(SparklinePoints(m.Sparkline)).Append("\"></polyline></svg>");
        if (IsWebLink(m.BuyUrl))
        {
            html.Append("<a class=\"buy\" rel=\"nofollow noopener\" href=\"").Append(Html.Encode(m.BuyUrl)).Append("\">Buy</a>");
        }

        html.Append("<p class=\"checked\">").Append(Html.Encode(CheckedText(m.UpdatedAt))).Append("</p></li>");
    }

    /// <summary>"3 in stock", "In stock" (no count known), "Out of stock", or "Not checked yet". app.js says the same.</summary>
    public static string StockText(PublicMonitor m) =>
        m.UpdatedAt is null && m.Sparkline.Count == 0 ? "Not checked yet"
        : !m.InStock ? "Out of stock"
        : m.Quantity is { } quantity ? $"{quantity.ToString(CultureInfo.InvariantCulture)} in stock"
        : "In stock";

    public static string CheckedText(DateTime? at) =>
        at is { } value ? $"Checked {value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : string.Empty;

    /// <summary>The polyline of a sparkline in a 100x24 box (2 units of margin); app.js draws it the same way.</summary>
    public static string SparklinePoints(IReadOnlyList<int> line)
    {
        if (line.Count == 0)
        {
            return string.Empty;
        }

        var max = Math.Max(1, line.Max());
        var step = line.Count > 1 ? 100.0 / (line.Count - 1) : 0;
        return string.Join(' ', line.Select((v, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{Math.Round(i * step, 2)},{Math.Round(22 - (v * 20.0 / max), 2)}")));
    }

    private static bool IsWebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace StockBot.Storefront;

/// <summary>
/// Turns a page's HTML into AngleSharp's DOM: the whole page, or only the order form's container when a
/// listing is all that is read (the navigation, sidebar and footer around it cost most of a page's parse).
/// </summary>
internal static class PageParser
{
    // A parser (and its AngleSharp configuration) per thread, not per page: building one costs more than a small page.
    // Script text and comments are never read (challenge pages are told from the raw body), so they are not kept.
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions
    {
        SkipScriptText = true,
        SkipComments = true,
        DisableElementPositionTracking = true,
    }));

    /// <summary>The whole page.</summary>
    public static IDocument Parse(string html) => Parser.Value!.ParseDocument(html);

    /// <summary>
    /// Only the order form's container (<see cref="OrderForm.Locate"/>) as a document of its own; null when the
    /// page has none that holds every product block, so that the caller parses the whole page instead.
    /// </summary>
    public static IDocument? ParseOrderForm(string html) =>
        OrderForm.Locate(html) is var (start, length) ? Parser.Value!.ParseDocument(html.AsMemory(start, length)) : null;
}

/// <summary>
/// Finds the element that holds a listing's product blocks in the raw HTML, without building a DOM: WHMCS wraps
/// every order form in <c>&lt;div id="order-{form}"&gt;</c> (Lagom 2: <c>id="products"</c>). The element ends at
/// its matching end tag (same-name tags counted; comments, scripts and styles skipped). A container is taken only
/// when no product block id (<c>id="productN..."</c>) appears outside it; otherwise there is no container.
/// </summary>
internal static class OrderForm
{
    private static readonly string[] Markers = ["order-", "products\"", "products'"];

    public static (int Start, int Length)? Locate(string html)
    {
        foreach (var marker in Markers)
        {
            for (var at = FindId(html, marker, 0); at >= 0; at = FindId(html, marker, at + 1))
            {
                if (Element(html, at) is var (start, end) && !HasProductIdOutside(html, start, end))
                {
                    return (start, end - start);
                }
            }
        }

        return null;
    }

    /// <summary>The position of an id attribute's value starting with <paramref name="prefix"/> (id="..., id='... or id=...).</summary>
    private static int FindId(ReadOnlySpan<char> text, string prefix, int from)
    {
        while (from < text.Length)
        {
            var hit = text[from..].IndexOf(prefix, StringComparison.Ordinal);
            if (hit < 0)
            {
                return -1;
            }

            var at = from + hit;
            if (IsIdValueAt(text, at))
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    /// <summary>Whether the text at <paramref name="at"/> is the start of an id attribute's value.</summary>
    private static bool IsIdValueAt(ReadOnlySpan<char> text, int at)
    {
        var i = at - 1;
        if (i >= 0 && text[i] is '"' or '\'')
        {
            i--;
        }

        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        if (i < 0 || text[i] != '=')
        {
            return false;
        }

        i--;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        return i >= 2 && (text[i] | 0x20) == 'd' && (text[i - 1] | 0x20) == 'i' && (char.IsWhiteSpace(text[i - 2]) || text[i - 2] is '"' or '\'');
    }

    /// <summary>The element whose start tag holds position <paramref name="inTag"/>: from its '&lt;' to after its end tag (or the page's end).</summary>
    private static (int Start, int End)? Element(string html, int inTag)
    {
        var text = html.AsSpan();
        var start = text[..inTag].LastIndexOf('<');
        if (start < 0 || text[start..inTag].Contains('>'))
        {
            return null;
        }

        var name = TagName(text, start + 1);
        if (name.IsEmpty)
        {
            return null;
        }

        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            var next = text[i..].IndexOf('<');
            if (next < 0)
            {
                break;
            }

            i += next;
            var rest = text[(i + 1)..];
            if (rest.StartsWith("!--", StringComparison.Ordinal))
            {
                i = SkipPast(text, i + 4, "-->");
                continue;
            }

            var closing = rest.StartsWith('/');
            var tag = TagName(text, i + (closing ? 2 : 1));
            var end = text[i..].IndexOf('>');
            if (end < 0)
            {
                break;
            }

            var after = i + end + 1;
            if (!closing && (tag.Equals("script", StringComparison.OrdinalIgnoreCase) || tag.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                i = SkipPast(text, after, "</" + tag.ToString());
                continue;
            }

            if (tag.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                depth += closing ? -1 : text[i + end - 1] == '/' ? 0 : 1;
                if (depth == 0)
                {
                    return (start, after);
                }
            }

            i = after;
        }

        // No end tag: the element runs to the end of the page, as the parser would have it.
        return (start, text.Length);
    }

    private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> text, int at)
    {
        var end = at;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '-'))
        {
            end++;
        }

        return end > at && char.IsAsciiLetter(text[at]) ? text[at..end] : [];
    }

    private static int SkipPast(ReadOnlySpan<char> text, int from, string marker)
    {
        var hit = from < text.Length ? text[from..].IndexOf(marker, StringComparison.OrdinalIgnoreCase) : -1;
        return hit < 0 ? text.Length : from + hit + marker.Length;
    }

    private static bool HasProductIdOutside(string html, int start, int end) =>
        FindId(html.AsSpan(0, start), "product", 0) >= 0 || FindId(html.AsSpan(end), "product", 0) >= 0;
}

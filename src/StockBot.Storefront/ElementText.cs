using System.Text;
using AngleSharp.Dom;

namespace StockBot.Storefront;

/// <summary>
/// An element's text with whitespace runs collapsed to one space, built in one pass over its text nodes. The block
/// reader asks this for every name, count and price: <c>TextContent</c> plus <c>Split</c> and <c>Join</c> made a
/// string, an array and a string per token each time (bench/RESULTS.md, H11sf3).
/// </summary>
internal static class ElementText
{
    [ThreadStatic]
    private static StringBuilder? buffer;

    /// <summary>What <c>string.Join(' ', TextContent.Split(null, RemoveEmptyEntries))</c> gives: words across text nodes run on.</summary>
    public static string Collapsed(IElement element) => Build(element, nodesApart: false);

    /// <summary>As <see cref="Collapsed"/>, but each text node's words stay apart from the next node's ("$5.00 USD&lt;br /&gt;Monthly").</summary>
    public static string Spaced(IElement element) => Build(element, nodesApart: true);

    private static string Build(IElement element, bool nodesApart)
    {
        var text = buffer ??= new StringBuilder(256);
        text.Clear();
        var space = false;
        Walk(element, text, ref space, nodesApart);
        var result = text.ToString();
        if (text.Capacity > 4096)
        {
            // A long text (a whole page's) is not kept for the thread's life.
            buffer = null;
        }

        return result;
    }

    // Document order, as TextContent's descendant walk: every text node, whatever element it sits in.
    private static void Walk(INode parent, StringBuilder text, ref bool space, bool nodesApart)
    {
        var nodes = parent.ChildNodes;
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            if (node is IText textNode)
            {
                space |= nodesApart;
                Append(textNode.Data, text, ref space);
            }
            else if (node.HasChildNodes)
            {
                Walk(node, text, ref space, nodesApart);
            }
        }
    }

    // char.IsWhiteSpace is what Split(null) splits on.
    private static void Append(string data, StringBuilder text, ref bool space)
    {
        var rest = data.AsSpan();
        while (!rest.IsEmpty)
        {
            var word = 0;
            while (word < rest.Length && char.IsWhiteSpace(rest[word]))
            {
                word++;
            }

            if (word > 0)
            {
                space = true;
                rest = rest[word..];
                continue;
            }

            while (word < rest.Length && !char.IsWhiteSpace(rest[word]))
            {
                word++;
            }

            if (space && text.Length > 0)
            {
                text.Append(' ');
            }

            space = false;
            text.Append(rest[..word]);
            rest = rest[word..];
        }
    }
}

using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace StockBot.Storefront;

/// <summary>
/// CSS selectors compiled once, matched by a walk of the scope's own subtree (document order, the scope itself
/// excluded: what <c>QuerySelector</c> on an element finds). <c>QuerySelector(string)</c> parses its selector on
/// every call and walks through allocating enumerators; a listing asks some ten queries per product block
/// (profiled in bench/RESULTS.md), so the reader compiles its selectors and walks the child lists itself.
/// </summary>
internal static class Selectors
{
    public static ISelector Compile(string text) =>
        new CssSelectorParser().ParseSelector(text) ?? throw new ArgumentException($"Not a CSS selector: {text}", nameof(text));

    /// <summary>The first element under <paramref name="scope"/> that matches, in document order.</summary>
    public static IElement? First(IElement scope, ISelector selector) => First(scope, scope, selector);

    /// <summary>The first element of the document that matches, in document order.</summary>
    public static IElement? First(IDocument document, ISelector selector) => First(document, null, selector);

    /// <summary>The element under <paramref name="scope"/> with this exact id (what <c>#id</c> finds), in document order.</summary>
    public static IElement? WithId(IElement scope, ReadOnlySpan<char> id) => WithId((INode)scope, id);

    /// <summary>Every element under <paramref name="scope"/> that matches, in document order.</summary>
    public static List<IElement> All(INode scope, ISelector selector)
    {
        var found = new List<IElement>();
        Collect(scope, scope as IElement, selector, found);
        return found;
    }

    /// <summary>The element itself or its nearest ancestor that matches (what <c>Closest</c> finds).</summary>
    public static IElement? Closest(IElement element, ISelector selector)
    {
        for (var current = element; current is not null; current = current.ParentElement)
        {
            if (selector.Match(current, null))
            {
                return current;
            }
        }

        return null;
    }

    private static IElement? First(INode parent, IElement? scope, ISelector selector)
    {
        var nodes = parent.ChildNodes;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is IElement element)
            {
                if (selector.Match(element, scope))
                {
                    return element;
                }

                if (element.HasChildNodes && First(element, scope, selector) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static IElement? WithId(INode parent, ReadOnlySpan<char> id)
    {
        var nodes = parent.ChildNodes;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is IElement element)
            {
                if (element.Id is { } elementId && elementId.AsSpan().SequenceEqual(id))
                {
                    return element;
                }

                if (element.HasChildNodes && WithId(element, id) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static void Collect(INode parent, IElement? scope, ISelector selector, List<IElement> found)
    {
        var nodes = parent.ChildNodes;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is IElement element)
            {
                if (selector.Match(element, scope))
                {
                    found.Add(element);
                }

                if (element.HasChildNodes)
                {
                    Collect(element, scope, selector, found);
                }
            }
        }
    }
}

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
    public static CompiledSelector Compile(string text) =>
        new(new CssSelectorParser().ParseSelector(text) ?? throw new ArgumentException($"Not a CSS selector: {text}", nameof(text)), text);

    /// <summary>Whether the element's class attribute holds this class (what <c>ClassList.Contains</c> says, without building the list).</summary>
    public static bool HasClass(IElement element, string name)
    {
        if (element.GetAttribute("class") is not { } classes)
        {
            return false;
        }

        foreach (var range in classes.AsSpan().SplitAny(HtmlSpaces))
        {
            if (classes.AsSpan()[range].SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    // The HTML space characters that separate class names (what AngleSharp's token lists split on).
    private const string HtmlSpaces = " \t\n\f\r";

    /// <summary>The first element under <paramref name="scope"/> that matches, in document order.</summary>
    public static IElement? First(IElement scope, CompiledSelector selector) => First(scope, scope, selector);

    /// <summary>The first element of the document that matches, in document order.</summary>
    public static IElement? First(IDocument document, CompiledSelector selector) => First(document, null, selector);

    /// <summary>The element under <paramref name="scope"/> with this exact id (what <c>#id</c> finds), in document order.</summary>
    public static IElement? WithId(IElement scope, ReadOnlySpan<char> id) => WithId((INode)scope, id);

    /// <summary>Every element under <paramref name="scope"/> that matches, in document order.</summary>
    public static List<IElement> All(INode scope, CompiledSelector selector)
    {
        var found = new List<IElement>();
        Collect(scope, scope as IElement, selector, found);
        return found;
    }

    /// <summary>The element itself or its nearest ancestor that matches (what <c>Closest</c> finds).</summary>
    public static IElement? Closest(IElement element, CompiledSelector selector)
    {
        for (var current = element; current is not null; current = current.ParentElement)
        {
            if (selector.Matches(current, null))
            {
                return current;
            }
        }

        return null;
    }

    private static IElement? First(INode parent, IElement? scope, CompiledSelector selector)
    {
        var nodes = parent.ChildNodes;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is IElement element)
            {
                if (selector.Matches(element, scope))
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

    private static void Collect(INode parent, IElement? scope, CompiledSelector selector, List<IElement> found)
    {
        var nodes = parent.ChildNodes;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is IElement element)
            {
                if (selector.Matches(element, scope))
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

/// <summary>
/// A compiled selector with a cheap pre-check: an element is handed to AngleSharp's matcher only when its tag name or
/// its raw class attribute could satisfy one of the selector's alternatives. Matching a class selector builds the
/// element's class list (a split of its class attribute) for every element walked; the profile put that at about a third
/// of the block reader's time (bench/RESULTS.md, H11sf3). The pre-check only ever says "maybe": the matcher decides.
/// </summary>
internal sealed class CompiledSelector
{
    private readonly ISelector selector;

    // Null when the text has a part the pre-check does not understand: then every element goes to the matcher.
    private readonly Alternative[]? alternatives;

    public CompiledSelector(ISelector selector, string text)
    {
        this.selector = selector;
        this.alternatives = Alternative.ParseAll(text);
        Text = text;
    }

    /// <summary>The selector as written (what AngleSharp's own queries take).</summary>
    public string Text { get; }

    public bool Matches(IElement element, IElement? scope)
    {
        if (this.alternatives is { } alternatives)
        {
            var mayMatch = false;
            string? classes = null;
            var classesRead = false;
            foreach (var alternative in alternatives)
            {
                if (alternative.MayMatch(element, ref classes, ref classesRead))
                {
                    mayMatch = true;
                    break;
                }
            }

            if (!mayMatch)
            {
                return false;
            }
        }

        return this.selector.Match(element, scope);
    }

    /// <summary>What the subject (last compound) of one comma-separated alternative requires: a tag name and class names.</summary>
    private sealed record Alternative(string? Tag, string[] Classes)
    {
        public bool MayMatch(IElement element, ref string? classes, ref bool classesRead)
        {
            if (Tag is not null && !element.LocalName.Equals(Tag, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (Classes.Length == 0)
            {
                return true;
            }

            if (!classesRead)
            {
                classes = element.GetAttribute("class");
                classesRead = true;
            }

            if (classes is null)
            {
                return false;
            }

            // A substring test ignoring case: a superset of the class list's match in any document mode.
            foreach (var name in Classes)
            {
                if (!classes.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }

        public static Alternative[]? ParseAll(string text)
        {
            var parts = text.Split(',', StringSplitOptions.TrimEntries);
            var alternatives = new Alternative[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (Parse(parts[i]) is not { } alternative)
                {
                    return null;
                }

                alternatives[i] = alternative;
            }

            return alternatives;
        }

        // Tag names, .classes, #ids and [attributes] only, descendant or child combinators between compounds; else null.
        private static Alternative? Parse(string text)
        {
            var subject = text[(text.LastIndexOfAny([' ', '>']) + 1)..];
            if (subject.Length == 0 || text.IndexOfAny([':', '\\', '+', '~', '|', '(']) >= 0)
            {
                return null;
            }

            var i = 0;
            while (i < subject.Length && char.IsAsciiLetterOrDigit(subject[i]))
            {
                i++;
            }

            var tag = i > 0 ? subject[..i] : null;
            if (i == 0 && subject[0] == '*')
            {
                i = 1;
            }

            var classes = new List<string>();
            while (i < subject.Length)
            {
                switch (subject[i])
                {
                    case '.' or '#':
                        var start = ++i;
                        while (i < subject.Length && (char.IsAsciiLetterOrDigit(subject[i]) || subject[i] is '-' or '_'))
                        {
                            i++;
                        }

                        if (i == start)
                        {
                            return null;
                        }

                        if (subject[start - 1] == '.')
                        {
                            classes.Add(subject[start..i]);
                        }

                        break;
                    case '[':
                        // An attribute condition: not pre-checked (the matcher tests it).
                        var end = subject.IndexOf(']', i);
                        if (end < 0)
                        {
                            return null;
                        }

                        i = end + 1;
                        break;
                    default:
                        return null;
                }
            }

            return new Alternative(tag, [.. classes]);
        }
    }
}

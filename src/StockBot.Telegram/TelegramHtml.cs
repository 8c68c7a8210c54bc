using System.Net;
using System.Text;
using Telegram.Bot.Types.ReplyMarkups;

namespace StockBot.Telegram;

/// <summary>HTML for Telegram's parse mode: escaping, and splitting long text on line breaks.</summary>
internal static class TelegramHtml
{
    public const int MaxMessageLength = 4096;
    public const int MaxCaptionLength = 1024;

    /// <summary>
    /// Telegram's HTML needs &lt;, &gt; and &amp; escaped (quotes too inside attributes); nothing else, so emoji and
    /// other text stay as they are (not numeric entities).
    /// </summary>
    public static string Escape(string? text) =>
        string.IsNullOrEmpty(text)
            ? string.Empty
            : text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    public static string Bold(string text) => $"<b>{Escape(text)}</b>";

    /// <summary>
    /// Joins already-escaped HTML lines into messages of at most <paramref name="limit"/> characters, cutting
    /// only between lines (a line that alone is too long is cut, with its tags dropped, so the HTML stays valid).
    /// </summary>
    public static IReadOnlyList<string> Split(IEnumerable<string> htmlLines, int limit = MaxMessageLength)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in htmlLines)
        {
            var line = raw.Length <= limit ? raw : Escape(Truncate(WebUtility.HtmlDecode(StripTags(raw)), limit / 2));
            var needed = current.Length == 0 ? line.Length : current.Length + 1 + line.Length;
            if (needed > limit && current.Length > 0)
            {
                parts.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append('\n');
            }

            current.Append(line);
        }

        if (current.Length > 0 || parts.Count == 0)
        {
            parts.Add(current.ToString());
        }

        return parts;
    }

    /// <summary>Plain text cut to <paramref name="max"/> characters, with an ellipsis when cut; never inside a surrogate pair (an emoji).</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = Math.Max(0, max - 1);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    /// <summary>Buttons with a usable link, two to a row (Telegram rejects buttons whose URL is not http(s)).</summary>
    public static InlineKeyboardMarkup? Keyboard(IEnumerable<(string Label, string Url)> buttons)
    {
        var usable = buttons
            .Where(b => !string.IsNullOrWhiteSpace(b.Label) && Core.Validate.IsHttpUrl(b.Url))
            .Select(b => InlineKeyboardButton.WithUrl(Truncate(b.Label, 64), b.Url))
            .ToList();
        return usable.Count == 0 ? null : new InlineKeyboardMarkup(usable.Chunk(2).Select(row => row.AsEnumerable()));
    }

    /// <summary>Our HTML as the plain text it shows (tags dropped, entities decoded), for a send without parse mode.</summary>
    public static string ToPlain(string html) => WebUtility.HtmlDecode(StripTags(html));

    private static string StripTags(string html)
    {
        var builder = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>' && inTag)
            {
                inTag = false;
            }
            else if (!inTag)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

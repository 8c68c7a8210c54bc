using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace StockBot.Discord;

/// <summary>Plain text made safe for Discord markdown, and cut to Discord's limits.</summary>
public static class DiscordText
{
    private const string RoleMentionStart = "<@&";

    /// <summary>RFC 3986's unreserved and reserved characters besides letters and digits.</summary>
    private static readonly SearchValues<char> Rfc3986Symbols = SearchValues.Create("-._~:/?#[]@!$&'()*+,;=");

    /// <summary>
    /// Plain text shown literally: markdown characters get a backslash; '#', '-' and '>' only where they
    /// would start a block; '&lt;' everywhere, so `&lt;@&amp;id&gt;`, `&lt;#id&gt;` and `&lt;t:...&gt;` in a product
    /// or website name stay text instead of rendering as a role, channel or time pill.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 8);
        var lineStart = true;
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '[' or ']' or '<' || (lineStart && c is '#' or '-' or '>'))
            {
                builder.Append('\\');
            }

            builder.Append(c);
            lineStart = c == '\n' || (lineStart && c == ' ');
        }

        return builder.ToString();
    }

    /// <summary>Cuts to the limit with an ellipsis, never inside an escape or a surrogate pair.</summary>
    public static string Truncate(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        var cut = limit - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        while (cut > 0 && text[cut - 1] == '\\')
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    /// <summary>
    /// A link Discord takes in a button or an embed: an absolute http(s) URL with a host, at most 512
    /// characters, written only in RFC 3986's characters (percent-encoded otherwise). Discord refuses
    /// the whole message (50035 "Not a well formed URL") for anything else: spaces, braces, '|', '&lt;&gt;', non-ASCII.
    /// </summary>
    public static bool IsHttpUrl([NotNullWhen(true)] string? url) =>
        url is { Length: > 0 and <= DiscordLimits.ButtonUrlLimit } && IsRfc3986(url) && Core.Validate.IsHttpUrl(url);

    private static bool IsRfc3986(string url)
    {
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c == '%')
            {
                if (i + 2 >= url.Length || !char.IsAsciiHexDigit(url[i + 1]) || !char.IsAsciiHexDigit(url[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && !Rfc3986Symbols.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The role id of a subscription's mention: "123", "&lt;@&amp;123&gt;"; anything else is not a role.</summary>
    public static string? RoleId(string? mention)
    {
        if (string.IsNullOrWhiteSpace(mention))
        {
            return null;
        }

        var value = mention.Trim();
        if (value.StartsWith(RoleMentionStart, StringComparison.Ordinal) && value.EndsWith('>'))
        {
            value = value[RoleMentionStart.Length..^1];
        }

        return DiscordOptionsValidator.IsSnowflake(value) ? value : null;
    }
}

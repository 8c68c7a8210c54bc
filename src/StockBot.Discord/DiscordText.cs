using System.Text;

namespace StockBot.Discord;

/// <summary>Plain text made safe for Discord markdown, and cut to Discord's limits.</summary>
public static class DiscordText
{
    private const string RoleMentionStart = "<@&";

    /// <summary>Plain text shown literally: markdown characters get a backslash; '#', '-' and '>' only where they would start a block.</summary>
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
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '[' or ']' || (lineStart && c is '#' or '-' or '>'))
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

    public static bool IsHttpUrl(string? url) =>
        url is { Length: <= DiscordLimits.ButtonUrlLimit } && Core.Validate.IsHttpUrl(url);

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

namespace StockBot.Core.Commands;

/// <summary>
/// The first words of a text command, read once for everything that needs them: `/group`, or
/// `/group@botname` in a group chat, with Telegram's `/start` taken as `/help`, and the word after it.
/// </summary>
public sealed record CommandHead(string Group, string? Addressee, string? SecondWord)
{
    /// <summary>What Telegram clients send when a user opens the bot.</summary>
    public const string StartAlias = "start";

    /// <summary>The head of a text, or null when the text is not a command (plain text).</summary>
    public static CommandHead? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text[0] != '/')
        {
            return null;
        }

        var words = text.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        var head = words[0][1..];
        string? addressee = null;
        var at = head.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            addressee = head[(at + 1)..];
            head = head[..at];
        }

        var group = head.ToLowerInvariant();
        return new CommandHead(group == StartAlias ? HelpHandler.Group : group, addressee, words.Length > 1 ? words[1] : null);
    }

    /// <summary>`/cmd@OtherBot`: addressed to a bot that is not <paramref name="botUsername"/> (or to any bot while ours is not known).</summary>
    public bool IsForAnotherBot(string? botUsername) =>
        Addressee is not null && !Addressee.Equals(botUsername?.TrimStart('@'), StringComparison.OrdinalIgnoreCase);
}

namespace StockBot.Core.Commands;

/// <summary>
/// What a chat platform tells the core about itself, so its rules live with it: how many suggestions
/// it shows, and what a mention is there. Each platform registers one; `console` has the default.
/// </summary>
public interface IChatPlatform
{
    Platform Platform { get; }

    int MaxLookupChoices { get; }

    int MaxChoiceNameLength { get; }

    /// <summary>The mention as stored (already trimmed, not empty); throws an <see cref="InputException"/> for "mention".</summary>
    string NormalizeMention(string mention);
}

/// <summary>The `console` platform (demo, debugging, the CLI): a mention is text put in front of the alert.</summary>
public sealed class ConsoleChatPlatform : IChatPlatform
{
    public Platform Platform => Platform.Console;

    public int MaxLookupChoices => 25;

    public int MaxChoiceNameLength => 100;

    public string NormalizeMention(string mention) => mention;
}

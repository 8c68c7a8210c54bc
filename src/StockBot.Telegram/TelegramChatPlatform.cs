using StockBot.Core.Commands;
using StockBot.Data.Entities;

namespace StockBot.Telegram;

/// <summary>Telegram's rules as the core needs them: a mention is text (e.g. @oncall) put in front of the alert.</summary>
public sealed class TelegramChatPlatform : IChatPlatform
{
    public Platform Platform => Platform.Telegram;

    // Telegram has no autocomplete; a reply keyboard of this many is still readable.
    public int MaxLookupChoices => 25;

    public int MaxChoiceNameLength => 64;

    public string NormalizeMention(string mention) => mention;
}

using StockBot.Core;
using StockBot.Core.Commands;
using StockBot.Data.Entities;

namespace StockBot.Discord;

/// <summary>Discord's rules as the core needs them: 25 autocomplete choices of 100 characters, and mentions that are roles.</summary>
public sealed class DiscordChatPlatform : IChatPlatform
{
    /// <summary>Discord shows at most 25 autocomplete choices.</summary>
    public const int MaxChoices = 25;

    public string Name => Platforms.Discord;

    public int MaxLookupChoices => MaxChoices;

    public int MaxChoiceNameLength => DiscordText.ChoiceNameLimit;

    // Discord pings a role by its id; a name or "@everyone" would silently ping nobody (or everybody).
    public string NormalizeMention(string mention) =>
        DiscordText.RoleId(mention) ?? throw new InputException("mention", "on Discord must be a role id (e.g. 123456789012345678) or a role mention <@&id>");
}

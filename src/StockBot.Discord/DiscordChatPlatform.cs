using StockBot.Core;
using StockBot.Core.Commands;
using StockBot.Data.Entities;

namespace StockBot.Discord;

/// <summary>Discord's rules as the core needs them: 25 autocomplete choices of 100 characters, and mentions that are roles.</summary>
public sealed class DiscordChatPlatform : IChatPlatform
{
    public Platform Platform => Platform.Discord;

    public int MaxLookupChoices => DiscordLimits.ChoicesPerAutocomplete;

    public int MaxChoiceNameLength => DiscordLimits.ChoiceNameLimit;

    // Discord pings a role by its id; a name or "@everyone" would silently ping nobody (or everybody).
    public string NormalizeMention(string mention) =>
        DiscordText.RoleId(mention) ?? throw new InputException("mention", "on Discord must be a role id (e.g. 123456789012345678) or a role mention <@&id>");
}

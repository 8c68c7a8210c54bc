namespace StockBot.Discord.Protocol;

/// <summary>A value typed as its option type (string, number, boolean, snowflake string), or a subcommand's nested options.</summary>
public sealed record InteractionOption(
    string? Name,
    ApplicationCommandOptionType Type,
    JsonElement? Value,
    IReadOnlyList<InteractionOption>? Options,
    bool? Focused);

namespace StockBot.Discord.Protocol;

/// <summary>An option of a command, or a subcommand (type 1) with options of its own.</summary>
public sealed record ApplicationCommandOption(
    ApplicationCommandOptionType Type,
    string Name,
    string Description,
    bool? Required = null,
    bool? Autocomplete = null,
    int? MinValue = null,
    int? MaxValue = null,
    int? MaxLength = null,
    IReadOnlyList<ChannelType>? ChannelTypes = null,
    IReadOnlyList<ApplicationCommandOption>? Options = null);

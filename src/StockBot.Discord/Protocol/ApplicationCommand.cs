namespace StockBot.Discord.Protocol;

/// <summary>One command of the bulk-overwrite PUT. default_member_permissions is a decimal string.</summary>
public sealed record ApplicationCommand(
    string Name,
    ApplicationCommandType Type,
    string Description,
    IReadOnlyList<ApplicationCommandOption> Options,
    string? DefaultMemberPermissions = null);

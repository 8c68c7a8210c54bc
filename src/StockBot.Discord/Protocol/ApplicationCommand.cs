namespace StockBot.Discord.Protocol;

/// <summary>
/// One command of the bulk-overwrite PUT. default_member_permissions is a decimal string; contexts and
/// integration_types only mean something on global commands (a guild's commands never show in DMs).
/// </summary>
public sealed record ApplicationCommand(
    string Name,
    ApplicationCommandType Type,
    string Description,
    IReadOnlyList<ApplicationCommandOption> Options,
    string? DefaultMemberPermissions = null,
    IReadOnlyList<InteractionContextType>? Contexts = null,
    IReadOnlyList<ApplicationIntegrationType>? IntegrationTypes = null);

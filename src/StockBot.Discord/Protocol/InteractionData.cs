namespace StockBot.Discord.Protocol;

/// <summary>A command's (name, options, resolved) or a modal submit's (custom_id, components) data.</summary>
public sealed record InteractionData(
    string? Id,
    string? Name,
    IReadOnlyList<InteractionOption>? Options,
    string? CustomId,
    IReadOnlyList<SubmittedComponent>? Components,
    ResolvedData? Resolved);

namespace StockBot.Discord.Protocol;

/// <summary>An action row of a submitted modal, or a text input in it with its value.</summary>
public sealed record SubmittedComponent(ComponentType Type, string? CustomId, string? Value, IReadOnlyList<SubmittedComponent>? Components);

namespace StockBot.Discord.Protocol;

/// <summary>A row of components: up to five link buttons in a message, one text input in a modal.</summary>
public sealed record ActionRow<TComponent>(IReadOnlyList<TComponent> Components)
{
    [JsonPropertyOrder(-1)]
    public ComponentType Type => ComponentType.ActionRow;
}

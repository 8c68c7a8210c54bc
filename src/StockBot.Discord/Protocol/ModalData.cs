namespace StockBot.Discord.Protocol;

/// <summary>A modal: up to five rows of one text input each; its submit comes back with custom_id.</summary>
public sealed record ModalData(string CustomId, string Title, IReadOnlyList<ActionRow<TextInput>> Components);

public sealed record TextInput(string CustomId, string Label, TextInputStyle Style, bool Required, int MaxLength, string? Placeholder)
{
    [JsonPropertyOrder(-1)]
    public ComponentType Type => ComponentType.TextInput;
}

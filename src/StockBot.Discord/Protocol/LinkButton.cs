namespace StockBot.Discord.Protocol;

/// <summary>A button that opens its URL; Discord handles the click, no interaction reaches the bot.</summary>
public sealed record LinkButton(string Label, string Url)
{
    [JsonPropertyOrder(-2)]
    public ComponentType Type => ComponentType.Button;

    [JsonPropertyOrder(-1)]
    public ButtonStyle Style => ButtonStyle.Link;
}

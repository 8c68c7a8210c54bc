namespace StockBot.Discord.Protocol;

/// <summary>An embed; color is 0xRRGGBB, timestamp ISO 8601 in UTC.</summary>
public sealed record Embed(
    string Title,
    int Color,
    string? Description = null,
    string? Url = null,
    IReadOnlyList<EmbedField>? Fields = null,
    EmbedFooter? Footer = null,
    EmbedImage? Image = null,
    string? Timestamp = null);

public sealed record EmbedField(string Name, string Value, bool Inline);

public sealed record EmbedFooter(string Text);

/// <summary>attachment://name shows a file sent with the message.</summary>
public sealed record EmbedImage(string Url);

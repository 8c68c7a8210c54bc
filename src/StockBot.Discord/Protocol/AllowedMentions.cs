namespace StockBot.Discord.Protocol;

/// <summary>Which mentions may ping: parse [] silences all, roles lists the role ids (as strings) that may.</summary>
public sealed record AllowedMentions(IReadOnlyList<string> Parse, IReadOnlyList<string>? Roles = null)
{
    public static AllowedMentions None { get; } = new([]);
}

namespace StockBot.Discord.Protocol;

/// <summary>Permission bits; Discord sends and takes them as decimal strings (big integers).</summary>
public static class DiscordPermissionsText
{
    public static string ToWire(this DiscordPermissions permissions) => ((ulong)permissions).ToString(CultureInfo.InvariantCulture);

    /// <summary>Unreadable text counts as no permission at all.</summary>
    public static DiscordPermissions Parse(string? text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? (DiscordPermissions)bits : DiscordPermissions.None;
}

namespace StockBot.Discord.Protocol;

/// <summary>Permission bits; Discord sends and takes them as decimal strings (big integers).</summary>
[Flags]
public enum DiscordPermissions : ulong
{
    None = 0,
    Administrator = 1UL << 3,

    /// <summary>"Manage Server" in the client.</summary>
    ManageGuild = 1UL << 5,
}

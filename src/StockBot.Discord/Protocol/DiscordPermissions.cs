namespace StockBot.Discord.Protocol;

/// <summary>Permission bits; Discord sends and takes them as decimal strings (big integers).</summary>
[Flags]
public enum DiscordPermissions : ulong
{
    None = 0,
    Administrator = 1UL << 3,

    /// <summary>"Manage Server" in the client.</summary>
    ManageGuild = 1UL << 5,
    ViewChannel = 1UL << 10,
    SendMessages = 1UL << 11,
    EmbedLinks = 1UL << 14,
    AttachFiles = 1UL << 15,

    /// <summary>"Mention @everyone, @here, and All Roles": pings roles that are not mentionable.</summary>
    MentionEveryone = 1UL << 17,
}

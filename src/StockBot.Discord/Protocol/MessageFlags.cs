namespace StockBot.Discord.Protocol;

[Flags]
public enum MessageFlags
{
    None = 0,

    /// <summary>Only the user who invoked the interaction sees the message.</summary>
    Ephemeral = 1 << 6,
}

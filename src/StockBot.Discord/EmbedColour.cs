namespace StockBot.Discord;

/// <summary>The embed colours of alerts and command replies: one palette, so a failure looks the same in both.</summary>
public enum EmbedColour
{
    /// <summary>Discord's own blue: a command reply that went well.</summary>
    Blurple = 0x5865F2,
    Green = 0x2ECC71,
    Orange = 0xE67E22,

    /// <summary>Low stock, or a command that failed.</summary>
    Red = 0xE74C3C,
    Blue = 0x3498DB,

    /// <summary>Sold out: darker than low stock's red.</summary>
    Crimson = 0x992D22,

    /// <summary>Anything else: errors of a monitor, a refused command.</summary>
    Grey = 0x95A5A6,
}

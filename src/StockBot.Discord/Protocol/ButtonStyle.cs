namespace StockBot.Discord.Protocol;

public enum ButtonStyle
{
    /// <summary>Opens its URL; Discord handles the click, no interaction reaches the bot.</summary>
    Link = 5,
}

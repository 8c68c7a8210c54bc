namespace StockBot.Discord.Protocol;

public enum ApplicationCommandType
{
    /// <summary>A slash command.</summary>
    ChatInput = 1,
}

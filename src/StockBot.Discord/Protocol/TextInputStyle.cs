namespace StockBot.Discord.Protocol;

public enum TextInputStyle
{
    Short = 1,
    Paragraph = 2,
}

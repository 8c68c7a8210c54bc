namespace StockBot.Discord.Protocol;

public enum TextInputStyle
{
    Short = 1,
}

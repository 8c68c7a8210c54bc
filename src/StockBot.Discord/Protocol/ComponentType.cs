namespace StockBot.Discord.Protocol;

public enum ComponentType
{
    ActionRow = 1,
    Button = 2,
    TextInput = 4,
}

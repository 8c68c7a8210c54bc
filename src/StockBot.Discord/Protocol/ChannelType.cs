namespace StockBot.Discord.Protocol;

public enum ChannelType
{
    GuildText = 0,
    GuildAnnouncement = 5,
}

namespace StockBot.Discord.Gateway;

public enum GatewayStatus
{
    Stopped,
    Connecting,
    Ready,

    /// <summary>A fatal close (bad token, disallowed intents...): the bot stopped, the process did not.</summary>
    Failed,
}

namespace StockBot.Discord.Protocol;

/// <summary>Gateway intents. INTERACTION_CREATE comes without any, so StockBot asks for none.</summary>
[Flags]
public enum GatewayIntents
{
    None = 0,
}

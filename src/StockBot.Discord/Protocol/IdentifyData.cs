namespace StockBot.Discord.Protocol;

/// <summary>Op 2. The token is a secret: this record is sent, never logged.</summary>
public sealed record IdentifyData(string Token, GatewayIntents Intents, IdentifyProperties Properties)
{
    public override string ToString() => "identify";
}

public sealed record IdentifyProperties(string Os, string Browser, string Device);

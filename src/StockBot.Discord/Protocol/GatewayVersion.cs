namespace StockBot.Discord.Protocol;

public static class GatewayVersion
{
    /// <summary>The query every gateway URL gets: API v10, JSON frames.</summary>
    public const string Query = "v=10&encoding=json";
}

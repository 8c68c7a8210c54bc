namespace StockBot.Discord.Protocol;

/// <summary>The dispatch (op 0) event names StockBot acts on.</summary>
public static class GatewayEvents
{
    public const string Ready = "READY";
    public const string Resumed = "RESUMED";
    public const string InteractionCreate = "INTERACTION_CREATE";
}

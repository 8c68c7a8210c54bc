namespace StockBot.Discord.Protocol;

/// <summary>A frame we send. d is always written, null included (a first heartbeat carries d: null).</summary>
public sealed record GatewayCommand<TData>(
    GatewayOpcode Op,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] TData D);

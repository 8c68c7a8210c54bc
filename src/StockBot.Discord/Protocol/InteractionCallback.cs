namespace StockBot.Discord.Protocol;

/// <summary>The body of POST /interactions/{id}/{token}/callback.</summary>
public sealed record InteractionCallback<TData>(InteractionCallbackType Type, TData? Data = default);

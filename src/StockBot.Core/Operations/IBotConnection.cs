namespace StockBot.Core.Operations;

/// <summary>A chat bot's link to its platform, as the health check sees it.</summary>
public interface IBotConnection
{
    Platform Platform { get; }

    bool IsConnected { get; }
}

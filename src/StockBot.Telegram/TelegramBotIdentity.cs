namespace StockBot.Telegram;

/// <summary>Who the bot is, once getMe answered: for `/cmd@botname` and the membership checks.</summary>
public sealed class TelegramBotIdentity
{
    private volatile Snapshot? current;

    public long? Id => current?.Id;

    public string? Username => current?.Username;

    internal void Set(long id, string? username) => current = new Snapshot(id, username);

    private sealed record Snapshot(long Id, string? Username);
}

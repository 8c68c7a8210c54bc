using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Cluster;
using StockBot.Core.Commands;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using StockBot.Core.Common;

namespace StockBot.Telegram;

/// <summary>
/// The bot inside `stockbot run`: says who it is, publishes the command list, then long-polls getUpdates and
/// handles each update in its own DI scope, concurrently across chats and in order within a chat
/// (<see cref="TelegramUpdateQueue"/>). Progress is saved in bot_state after each update is handled
/// (<see cref="TelegramUpdateTracker"/>), so a restart never runs a command twice. Waits after errors
/// (doubling to a minute); stops when the host stops.
/// </summary>
internal sealed partial class TelegramBotService(
    TelegramConnection connection,
    ITelegramBotClient client,
    IServiceScopeFactory scopes,
    CommandCatalog catalog,
    TelegramBotIdentity identity,
    TelegramUpdateTracker tracker,
    IOptions<TelegramOptions> options,
    BotLeadership leadership,
    ILogger<TelegramBotService> logger) : BackgroundService
{
    /// <summary>Telegram allows one getUpdates consumer per bot: with several instances, the leader of this role polls.</summary>
    public const string LeadershipRole = "telegram";

    /// <summary>Seconds Telegram holds an empty getUpdates open.</summary>
    internal const int LongPollSeconds = 20;

    /// <summary>my_chat_member tells when the bot is removed, restricted or promoted; migrations come as messages.</summary>
    internal static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.MyChatMember];

    /// <summary>At most this many updates queued before getUpdates waits.</summary>
    private const int MaxQueued = 200;

    private readonly TelegramUpdateQueue queue = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await leadership.RunAsync(LeadershipRole, RunAsLeaderAsync, stoppingToken);
    }

    /// <summary>The bot while this instance leads: <paramref name="stoppingToken"/> ends at a stop or a lost leadership.</summary>
    private async Task RunAsLeaderAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!await ConnectAsync(stoppingToken))
            {
                return;
            }

            await PollAsync(stoppingToken);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Telegram.Bot reports a cancelled request as a RequestException, not always as cancellation.
        }

        logger.LogInformation("Telegram bot stopped");
    }

    private async Task<bool> ConnectAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var me = await client.GetMe(stoppingToken);
                identity.Set(me.Id, me.Username);
                logger.LogInformation("Telegram bot @{Username} is on", me.Username ?? me.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = Backoff(++failures);
                logger.LogWarning("Telegram bot cannot start: {Reason}; trying again in {Delay}", TelegramErrors.Classify(ex).Reason, delay);
                await Task.Delay(delay, stoppingToken);
            }
        }

        if (stoppingToken.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            // Polling and a webhook exclude each other; pending updates are kept.
            await client.DeleteWebhook(dropPendingUpdates: false, cancellationToken: stoppingToken);
            await PublishCommandsAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Telegram command list not published: {Reason}", TelegramErrors.Classify(ex).Reason);
        }

        return true;
    }

    /// <summary>Everyone sees the commands anyone may run; each admin's private chat shows all of them.</summary>
    private async Task PublishCommandsAsync(CancellationToken cancellationToken)
    {
        await client.SetMyCommands(CommandList(CommandAccess.Everyone), BotCommandScope.Default(), cancellationToken: cancellationToken);
        await client.SetMyCommands(CommandList(CommandAccess.ChatAdmin), BotCommandScope.AllChatAdministrators(), cancellationToken: cancellationToken);
        var all = CommandList(CommandAccess.Admin);
        foreach (var admin in options.Value.AdminUserIds)
        {
            try
            {
                await client.SetMyCommands(all, BotCommandScope.Chat(admin), cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // An admin who never opened a chat with the bot: Telegram says "chat not found". The others still get theirs.
                logger.LogWarning("Telegram command list for admin {UserId} not published: {Reason}", admin, TelegramErrors.Classify(ex).Reason);
            }
        }

        logger.LogInformation("Telegram command list published: {Count} commands, for {Admins} admin(s)", all.Count, options.Value.AdminUserIds.Count);
    }

    /// <summary>One Telegram command per group (`/website`), for callers with at most <paramref name="access"/>.</summary>
    internal List<BotCommand> CommandList(CommandAccess access) =>
        catalog.Groups
            .Where(group => catalog.Commands.Any(c => c.Group == group && c.Access <= access))
            .Select(group => new BotCommand(group.ToLowerInvariant(), TelegramHtml.Truncate(Describe(group), 256)))
            .ToList();

    private string Describe(string group)
    {
        var description = catalog.GroupDescription(group);
        var names = catalog.Commands.Where(c => c.Group == group && c.Name is not null).Select(c => c.Name).ToList();
        return names.Count == 0 ? description : $"{description}: {string.Join(", ", names)}";
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var offset = await tracker.LoadAsync(stoppingToken);
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await queue.WaitForRoomAsync(MaxQueued, stoppingToken);
                Update[] updates;
                try
                {
                    updates = await client.GetUpdates(offset, limit: 100, timeout: LongPollSeconds, allowedUpdates: AllowedUpdates, cancellationToken: stoppingToken);
                    connection.Polled();
                    failures = 0;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Telegram.Bot loops at once after an error; without a pause a dead network becomes a busy loop.
                    var delay = Backoff(++failures);
                    LogPollFailed(logger, TelegramErrors.Classify(ex).Reason, delay);
                    await Task.Delay(delay, stoppingToken);
                    continue;
                }

                foreach (var update in updates)
                {
                    // The next getUpdates confirms these; the tracker's saved progress is what a restart trusts.
                    offset = Math.Max(offset ?? 0, update.Id + 1);
                    if (tracker.Receive(update.Id))
                    {
                        queue.Enqueue(TelegramUpdateHandler.LaneOf(update), () => HandleAsync(update, stoppingToken));
                    }
                }
            }
        }
        finally
        {
            // Updates already running finish (or see the stop); their progress is saved.
            await queue.WhenIdleAsync();
        }
    }

    public override void Dispose()
    {
        queue.Dispose();
        base.Dispose();
    }

    private async Task HandleAsync(Update update, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TelegramUpdateHandler>().HandleAsync(update, stoppingToken);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-command: not marked handled.
            return;
        }
        catch (Exception ex)
        {
            // One bad update must not stop the bot; it is marked handled and skipped. No message text in the log.
            LogUpdateFailed(logger, ex, update.Id, TelegramUpdateHandler.LaneOf(update), ex.GetType().Name);
        }

        try
        {
            await tracker.CompleteAsync(update.Id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogProgressFailed(logger, ex, update.Id);
        }
    }

    // 1 s after the first failure, doubling to a minute: the house rule (Core/Common/ExponentialBackoff).
    private static readonly ExponentialBackoff ReconnectBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    internal static TimeSpan Backoff(int failures) => ReconnectBackoff.After(failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram getUpdates failed: {Reason}; polling again in {Delay}")]
    private static partial void LogPollFailed(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram update {UpdateId} from chat {ChatId} failed ({Error}); skipped")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, int updateId, long chatId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update {UpdateId}: its progress was not saved in bot_state")]
    private static partial void LogProgressFailed(ILogger logger, Exception exception, int updateId);
}

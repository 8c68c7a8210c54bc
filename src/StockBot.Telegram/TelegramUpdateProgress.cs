using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Operations;

namespace StockBot.Telegram;

/// <summary>
/// How far the bot got through Telegram's updates, kept in bot_state so a restart never runs a command twice:
/// every update before <see cref="Offset"/> was handled, and so were those in <see cref="Done"/> (handled out of
/// order while an older one of another chat was still running).
/// </summary>
internal sealed record TelegramUpdateProgress(
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("done")] IReadOnlyList<int> Done);

[JsonSerializable(typeof(TelegramUpdateProgress))]
internal sealed partial class TelegramJsonContext : JsonSerializerContext;

/// <summary>Tracks updates received and handled, and saves the progress after each one is handled.</summary>
internal sealed class TelegramUpdateTracker(IServiceScopeFactory scopes) : IDisposable
{
    public const string StateKey = "telegram_update_offset";

    private readonly Lock gate = new();
    private readonly SortedSet<int> running = [];
    private readonly SortedSet<int> done = [];
    private readonly SemaphoreSlim saving = new(1, 1);
    private int next;

    /// <summary>The offset to start getUpdates from (null: never polled), and what was already handled past it.</summary>
    public async Task<int?> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var text = await scope.ServiceProvider.GetRequiredService<BotStateStore>().GetAsync(StateKey, cancellationToken);
        if (text is null || JsonSerializer.Deserialize(text, TelegramJsonContext.Default.TelegramUpdateProgress) is not { } progress)
        {
            return null;
        }

        lock (gate)
        {
            next = progress.Offset;
            done.UnionWith(progress.Done.Where(id => id >= progress.Offset));
        }

        return progress.Offset;
    }

    public void Dispose() => saving.Dispose();

    /// <summary>True when the update is new (to be handled); false when it was handled before.</summary>
    public bool Receive(int updateId)
    {
        lock (gate)
        {
            if (updateId < next || done.Contains(updateId) || !running.Add(updateId))
            {
                return false;
            }

            return true;
        }
    }

    /// <summary>The update was handled (or skipped): saves the progress.</summary>
    public async Task CompleteAsync(int updateId, CancellationToken cancellationToken)
    {
        await saving.WaitAsync(cancellationToken);
        try
        {
            TelegramUpdateProgress progress;
            lock (gate)
            {
                running.Remove(updateId);
                done.Add(updateId);
                // Everything below the oldest running update is handled: the offset moves up to it.
                var watermark = running.Count > 0 ? running.Min : done.Max + 1;
                next = Math.Max(next, watermark);
                done.RemoveWhere(id => id < next);
                progress = new TelegramUpdateProgress(next, done.ToList());
            }

            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BotStateStore>()
                .SetAsync(StateKey, JsonSerializer.Serialize(progress, TelegramJsonContext.Default.TelegramUpdateProgress), cancellationToken);
        }
        finally
        {
            saving.Release();
        }
    }
}

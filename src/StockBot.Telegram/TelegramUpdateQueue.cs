namespace StockBot.Telegram;

/// <summary>
/// Runs updates concurrently across chats and in order within a chat: one lane per chat, at most
/// <see cref="MaxConcurrency"/> updates running at once, so one slow chat never holds up the others.
/// </summary>
internal sealed class TelegramUpdateQueue : IDisposable
{
    internal const int MaxConcurrency = 8;

    private readonly Lock gate = new();
    private readonly Dictionary<long, Task> lanes = [];
    private readonly SemaphoreSlim slots = new(MaxConcurrency, MaxConcurrency);
    private int pending;

    public void Dispose() => slots.Dispose();

    /// <summary>Updates queued or running.</summary>
    public int Pending => Volatile.Read(ref pending);

    /// <summary>Queues <paramref name="work"/> behind the chat's earlier updates; <paramref name="work"/> must not throw.</summary>
    public void Enqueue(long chat, Func<Task> work)
    {
        lock (gate)
        {
            pending++;
            var previous = lanes.GetValueOrDefault(chat, Task.CompletedTask);
            Task next = null!;
            next = Task.Run(async () =>
            {
                try
                {
                    await previous;
                    await slots.WaitAsync();
                    try
                    {
                        await work();
                    }
                    finally
                    {
                        slots.Release();
                    }
                }
                finally
                {
                    lock (gate)
                    {
                        pending--;
                        if (lanes.TryGetValue(chat, out var tail) && ReferenceEquals(tail, next))
                        {
                            lanes.Remove(chat);
                        }
                    }
                }
            });
            lanes[chat] = next;
        }
    }

    /// <summary>Waits while <paramref name="limit"/> or more updates are queued (getUpdates waits with it).</summary>
    public async Task WaitForRoomAsync(int limit, CancellationToken cancellationToken)
    {
        while (Pending >= limit)
        {
            await Task.WhenAny(Snapshot()).WaitAsync(cancellationToken);
        }
    }

    /// <summary>Waits for every queued update (at shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(Snapshot());

    private Task[] Snapshot()
    {
        lock (gate)
        {
            return lanes.Count == 0 ? [Task.CompletedTask] : lanes.Values.ToArray();
        }
    }
}

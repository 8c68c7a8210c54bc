namespace StockBot.Core.Monitors;

/// <summary>
/// In-process news that a monitoring cycle finished (its rows written): the public page's live stream waits on
/// it. Take <see cref="Next"/> before reading the data, then await it, and no cycle slips between the two.
/// </summary>
public sealed class CycleSignal
{
    private readonly Lock gate = new();
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next cycle after this call finishes.</summary>
    public Task Next
    {
        get
        {
            lock (gate)
            {
                return next.Task;
            }
        }
    }

    public void CycleFinished()
    {
        TaskCompletionSource finished;
        lock (gate)
        {
            finished = next;
            next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        finished.SetResult();
    }
}

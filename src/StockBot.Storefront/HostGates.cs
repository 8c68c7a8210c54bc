using System.Collections.Concurrent;

namespace StockBot.Storefront;

/// <summary>
/// Politeness per host, shared by every website on it: one request in flight, a quiet gap between
/// requests, and a pause when the host asked for one (Retry-After). Hosts never wait on each other.
/// </summary>
internal sealed class HostGates(TimeProvider time)
{
    /// <summary>
    /// Gap waits end on a shared grid of this step: the hosts whose gaps end within one step are let go by one timer
    /// wake-up instead of one each. On a small VM a thread wake-up costs tens of microseconds of CPU, about what a page's
    /// parsing does (bench/RESULTS.md, H11d); a gap is at most this much longer than asked, never shorter.
    /// </summary>
    internal static readonly TimeSpan GapStep = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, HostGate> gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock waitLock = new();
    private readonly PriorityQueue<TaskCompletionSource, DateTimeOffset> waiting = new();
    private ITimer? timer;
    private DateTimeOffset? timerDue;

    public HostGate For(Uri uri) => this.gates.GetOrAdd(uri.IdnHost, static _ => new HostGate());

    /// <summary>Waits for the host's turn and its gap; a turn with PausedUntil set when the host is paused (then nothing is sent).</summary>
    public async Task<HostTurn> EnterAsync(HostGate gate, TimeSpan gap, CancellationToken cancellationToken)
    {
        await gate.Semaphore.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (gate.PausedUntil is { } until && until > now)
            {
                gate.Semaphore.Release();
                return new HostTurn(this, gate, until);
            }

            if (gate.LastFinished is { } last && last + gap > now)
            {
                await WaitUntilAsync(last + gap, cancellationToken);
            }

            return new HostTurn(this, gate, null);
        }
        catch
        {
            gate.Semaphore.Release();
            throw;
        }
    }

    /// <summary>Completes at the first grid step at or after <paramref name="due"/> (never before it).</summary>
    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        // Synchronous continuations on purpose: the hosts let go at one step send their requests from the timer's thread
        // in turn (each only writes a request before it waits again), instead of waking a pool thread each.
        var waiter = new TaskCompletionSource();
        lock (this.waitLock)
        {
            this.waiting.Enqueue(waiter, due);
            Arm(StepAtOrAfter(due));
        }

        // A cancelled waiter stays queued until its step comes; completing it then does nothing.
        using var registration = cancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), waiter);
        await waiter.Task;
    }

    /// <summary>Sets the timer for <paramref name="step"/> unless it is set for that step or an earlier one. Under waitLock.</summary>
    private void Arm(DateTimeOffset step)
    {
        if (this.timerDue is { } current && current <= step)
        {
            return;
        }

        this.timerDue = step;
        this.timer ??= time.CreateTimer(static state => ((HostGates)state!).OnStep(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // A millisecond more: the system timer counts whole milliseconds and must not wake just before the step.
        // Never zero either: a due-now timer may fire on this thread, inside the lock.
        var wait = step - time.GetUtcNow() + TimeSpan.FromMilliseconds(1);
        this.timer.Change(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
    }

    private void OnStep()
    {
        List<TaskCompletionSource>? ready = null;
        lock (this.waitLock)
        {
            this.timerDue = null;
            var now = time.GetUtcNow();
            while (this.waiting.TryPeek(out var waiter, out var due) && due <= now)
            {
                this.waiting.Dequeue();
                (ready ??= []).Add(waiter);
            }

            if (this.waiting.TryPeek(out _, out var next))
            {
                Arm(StepAtOrAfter(next));
            }
        }

        foreach (var waiter in ready ?? [])
        {
            waiter.TrySetResult();
        }
    }

    internal static DateTimeOffset StepAtOrAfter(DateTimeOffset due)
    {
        var step = GapStep.Ticks;
        return new DateTimeOffset((due.UtcTicks + step - 1) / step * step, TimeSpan.Zero);
    }

    internal void Leave(HostGate gate)
    {
        gate.LastFinished = time.GetUtcNow();
        gate.Semaphore.Release();
    }

    internal DateTimeOffset Pause(HostGate gate, TimeSpan wait)
    {
        var until = time.GetUtcNow() + wait;
        if (gate.PausedUntil is not { } current || current < until)
        {
            gate.PausedUntil = until;
        }

        return until;
    }
}

internal sealed class HostGate
{
    public SemaphoreSlim Semaphore { get; } = new(1, 1);

    // Read and written only while holding the semaphore.
    public DateTimeOffset? LastFinished { get; set; }

    public DateTimeOffset? PausedUntil { get; set; }
}

/// <summary>The host's turn: dispose it when the answer is read. <see cref="PausedUntil"/> set means no turn.</summary>
internal sealed class HostTurn(HostGates gates, HostGate gate, DateTimeOffset? pausedUntil) : IDisposable
{
    private int disposed;

    public DateTimeOffset? PausedUntil { get; } = pausedUntil;

    /// <summary>Stops all reads of this host for <paramref name="wait"/>; returns when they resume.</summary>
    public DateTimeOffset Pause(TimeSpan wait) => gates.Pause(gate, wait);

    public void Dispose()
    {
        if (PausedUntil is null && Interlocked.Exchange(ref disposed, 1) == 0)
        {
            gates.Leave(gate);
        }
    }
}

using System.Collections.Concurrent;

namespace StockBot.Storefront;

/// <summary>
/// Politeness per host, shared by every website on it: one request in flight, a quiet gap between
/// requests, and a pause when the host asked for one (Retry-After). Hosts never wait on each other.
/// </summary>
internal sealed class HostGates(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, HostGate> gates = new(StringComparer.OrdinalIgnoreCase);

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
                await Task.Delay(last + gap - now, time, cancellationToken);
            }

            return new HostTurn(this, gate, null);
        }
        catch
        {
            gate.Semaphore.Release();
            throw;
        }
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

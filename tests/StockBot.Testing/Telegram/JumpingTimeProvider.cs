namespace StockBot.Testing.Telegram;

/// <summary>
/// A simulated clock that never waits: a timer (Task.Delay on this provider) moves the clock forward by its due
/// time and fires at once. Time moves only by waits, so code that paces itself against a fake that checks the
/// same clock sees exactly the gaps it waited, without the wall-clock minutes. Overlapping waits add up, which
/// only ever makes gaps longer than asked.
/// </summary>
public sealed class JumpingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long elapsedTicks;

    public JumpingTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref elapsedTicks));

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref elapsedTicks);

    public override DateTimeOffset GetUtcNow() => start + Elapsed;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new JumpTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Jump(TimeSpan by)
    {
        if (by > TimeSpan.Zero)
        {
            Interlocked.Add(ref elapsedTicks, by.Ticks);
        }
    }

    private sealed class JumpTimer(JumpingTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private int disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Volatile.Read(ref disposed) != 0 || dueTime == Timeout.InfiniteTimeSpan)
            {
                return Volatile.Read(ref disposed) == 0;
            }

            clock.Jump(dueTime);
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                if (Volatile.Read(ref disposed) == 0)
                {
                    callback(state);
                }
            }, null);
            return true;
        }

        public void Dispose() => Interlocked.Exchange(ref disposed, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

namespace StockBot.Core.Common;

/// <summary>
/// The one backoff rule of the house: <see cref="First"/> after the first failure, doubling with each
/// further one, never above <see cref="Cap"/>. Reconnect loops add jitter so that many clients that lost
/// the same server do not come back in step.
/// </summary>
public sealed record ExponentialBackoff(TimeSpan First, TimeSpan Cap)
{
    // 2^20 times the first delay is beyond any cap we use; the clamp keeps the shift from overflowing.
    private const int MaxDoublings = 20;

    /// <summary>The wait after <paramref name="failures"/> failures in a row (1 = the first failure).</summary>
    public TimeSpan After(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, MaxDoublings);
        var ticks = First.Ticks > Cap.Ticks >> doublings ? Cap.Ticks : First.Ticks << doublings;
        return TimeSpan.FromTicks(Math.Min(Cap.Ticks, ticks));
    }

    /// <summary><see cref="After"/> spread by ±<paramref name="spread"/> (0.2 = ±20 %), still never above the cap.</summary>
    public TimeSpan AfterWithJitter(int failures, double spread = 0.2, Random? random = null)
    {
        var wait = After(failures);
        var factor = 1 - spread + ((random ?? Random.Shared).NextDouble() * 2 * spread);
        return TimeSpan.FromTicks(Math.Min(Cap.Ticks, (long)(wait.Ticks * factor)));
    }
}

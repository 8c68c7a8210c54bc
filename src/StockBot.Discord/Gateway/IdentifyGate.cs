using StockBot.Core.Common;

namespace StockBot.Discord.Gateway;

/// <summary>
/// When the next Identify may go. Discord allows 1000 new sessions a day (session_start_limit) and resets
/// the token of a bot that burns them: an Identify that follows another without a stable session between
/// them waits <see cref="ExponentialBackoff"/> from the previous one (5 s, 10 s, 20 s... by default), and
/// none goes while session_start_limit.remaining is 0 until its reset_after has passed.
/// </summary>
internal sealed class IdentifyGate(ExponentialBackoff backoff, TimeSpan stableAfter)
{
    private int unstableIdentifies;
    private DateTimeOffset lastIdentifyAt = DateTimeOffset.MinValue;
    private DateTimeOffset? sessionReadyAt;

    /// <summary>Identifies in a row so far without a session that lasted <c>stableAfter</c>.</summary>
    public int UnstableIdentifies => unstableIdentifies;

    /// <summary>The wait before the next Identify; <paramref name="limitExhausted"/> when it is the daily limit that asks for it.</summary>
    public TimeSpan WaitBefore(DateTimeOffset now, SessionStartLimit? limit, out bool limitExhausted)
    {
        var wait = unstableIdentifies > 0 ? lastIdentifyAt + backoff.After(unstableIdentifies) - now : TimeSpan.Zero;
        limitExhausted = limit is { Remaining: <= 0 };
        if (limitExhausted)
        {
            var reset = TimeSpan.FromMilliseconds(Math.Max(0, limit!.ResetAfter));
            wait = reset > wait ? reset : wait;
        }

        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public void OnIdentify(DateTimeOffset now)
    {
        lastIdentifyAt = now;
        unstableIdentifies++;
        sessionReadyAt = null;
    }

    /// <summary>READY of a new session (not RESUMED: a resumed session keeps its start).</summary>
    public void OnSessionReady(DateTimeOffset now) => sessionReadyAt ??= now;

    /// <summary>A connection ended: a session that had lasted long enough makes the next Identify a first one again.</summary>
    public void OnConnectionEnded(DateTimeOffset now)
    {
        if (sessionReadyAt is { } readyAt && now - readyAt >= stableAfter)
        {
            unstableIdentifies = 0;
        }
    }
}

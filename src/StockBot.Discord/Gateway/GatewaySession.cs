using StockBot.Core.Common;

namespace StockBot.Discord.Gateway;

/// <summary>The next connection: resume the session or identify anew, and after how long.</summary>
internal sealed record ReconnectPlan(bool Resume, TimeSpan Delay);

/// <summary>
/// The session across connections: its id, resume URL and last sequence, and the decisions
/// between connections. Resume after op 7, op 9 true, a resumable close or a dropped socket;
/// identify anew after op 9 false (after a short wait), 4007 or 4009; back off exponentially
/// (with jitter) while connections fail, from the first delay again after a good one.
/// </summary>
internal sealed class GatewaySession(ExponentialBackoff backoff, TimeSpan invalidSessionDelay)
{
    private long sequence = -1;
    private int attemptsSinceReady;

    public string? SessionId { get; private set; }

    public string? ApplicationId { get; private set; }

    public Uri? ResumeUrl { get; private set; }

    /// <summary>The last sequence number seen, for heartbeats and Resume.</summary>
    public long? Sequence => Interlocked.Read(ref sequence) is var s && s >= 0 ? s : null;

    public bool CanResume => SessionId is not null && ResumeUrl is not null;

    public void Observe(long? sequenceNumber)
    {
        if (sequenceNumber is { } s)
        {
            Interlocked.Exchange(ref sequence, s);
        }
    }

    public void OnReady(ReadyData ready)
    {
        SessionId = ready.SessionId;
        ResumeUrl = Uri.TryCreate(ready.ResumeGatewayUrl, UriKind.Absolute, out var url) ? url : null;
        ApplicationId = ready.Application?.Id ?? ApplicationId;
    }

    /// <summary>Drops the session before an Identify: the sequence starts again with it.</summary>
    public void Forget()
    {
        SessionId = null;
        Interlocked.Exchange(ref sequence, -1);
    }

    /// <summary>What to do after a connection that ended this way (never called for a fatal end).</summary>
    public ReconnectPlan After(ConnectionOutcome outcome)
    {
        attemptsSinceReady = outcome.WasReady ? 1 : attemptsSinceReady + 1;
        if (outcome.Kind is OutcomeKind.NewSession or OutcomeKind.InvalidSession)
        {
            SessionId = null;
        }

        var resume = outcome.Kind == OutcomeKind.Resume && CanResume;
        var delay = outcome.Kind == OutcomeKind.InvalidSession ? invalidSessionDelay
            : outcome.Immediate ? TimeSpan.Zero
            : backoff.AfterWithJitter(attemptsSinceReady);
        return new ReconnectPlan(resume, delay);
    }

    /// <summary>How a close code from Discord ends a connection.</summary>
    public static ConnectionOutcome Closed(int code, bool wasReady) =>
        GatewayCloseCodes.IsFatal(code) ? new ConnectionOutcome(OutcomeKind.Fatal, false, GatewayCloseCodes.Describe(code))
        : GatewayCloseCodes.NeedsNewSession(code) ? new ConnectionOutcome(OutcomeKind.NewSession, wasReady, $"close {code}")
        : new ConnectionOutcome(OutcomeKind.Resume, wasReady, $"close {code}");
}

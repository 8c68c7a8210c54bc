namespace StockBot.Discord.Gateway;

internal enum OutcomeKind
{
    Resume,
    NewSession,

    /// <summary>Op 9 with d=false: a new session, after the 1-5 s Discord asks for.</summary>
    InvalidSession,
    Fatal,
}

/// <summary>How one connection ended, and whether it had reached READY or RESUMED first.</summary>
internal sealed record ConnectionOutcome(OutcomeKind Kind, bool WasReady, string? Reason = null, bool Immediate = false);

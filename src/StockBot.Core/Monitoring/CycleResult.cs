namespace StockBot.Core.Monitoring;

/// <summary>One monitoring cycle, as `check --json` prints it.</summary>
public sealed record CycleResult(int MonitorsChecked, int WebsitesChecked, int Changes, int Events, int Errors, long DurationMs)
{
    public int AlertsQueued { get; init; }

    public int WebsitesSkipped { get; init; }

    /// <summary>What could not be read this cycle and why: one per website that failed, one per product it did not give.</summary>
    public IReadOnlyList<WebsiteReadFailure> Failures { get; init; } = [];

    /// <summary>The website's lease was freed in the write that recorded the read (nothing left to release).</summary>
    public bool LeaseReleased { get; init; }
}

/// <summary>A failed read as the operator acts on it: where, what kind, and the message that says what to do.</summary>
/// <param name="MonitorId">The monitor whose product was not read; null when the whole website failed.</param>
public sealed record WebsiteReadFailure(int WebsiteId, string Website, int? MonitorId, string Kind, string Message);

/// <summary>One website's part of a cycle.</summary>
internal sealed record WebsiteOutcome(int MonitorsChecked, bool Read, int Changes, int Events, int Errors, int AlertsQueued, bool Skipped)
{
    public IReadOnlyList<WebsiteReadFailure> Failures { get; init; } = [];

    /// <summary>The website's lease was freed in the write that recorded the read (nothing left to release).</summary>
    public bool LeaseReleased { get; init; }
}

namespace StockBot.Core.Monitoring;

/// <summary>One monitoring cycle, as `check --json` prints it.</summary>
public sealed record CycleResult(int MonitorsChecked, int WebsitesChecked, int Changes, int Events, int Errors, long DurationMs)
{
    public int AlertsQueued { get; init; }

    public int WebsitesSkipped { get; init; }
}

/// <summary>One website's part of a cycle.</summary>
internal sealed record WebsiteOutcome(int MonitorsChecked, bool Read, int Changes, int Events, int Errors, int AlertsQueued, bool Skipped);

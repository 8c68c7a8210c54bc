using Microsoft.Extensions.Options;
using StockBot.Core.Configuration;

namespace StockBot.Core.Operations;

/// <param name="Warnings">What is wrong outside StockBot (a website's outage): reported as degraded, never unhealthy.</param>
public sealed record HealthReport(
    bool Healthy, bool DatabaseOk, DateTime? LastCycleFinishedAtUtc, IReadOnlyList<string> Problems, IReadOnlyList<string> Facts, IReadOnlyList<string> Warnings)
{
    /// <summary>Running, but some monitors cannot read their websites.</summary>
    public bool Degraded => Healthy && Warnings.Count > 0;

    /// <summary>"healthy: facts", "degraded: warnings; facts" or "unhealthy: problems": what `stockbot health` prints and /healthz answers.</summary>
    public string Summary() => !Healthy
        ? "unhealthy: " + string.Join("; ", Problems)
        : Degraded ? "degraded: " + string.Join("; ", Warnings.Concat(Facts)) : "healthy: " + string.Join("; ", Facts);
}

/// <summary>
/// Healthy = the database answers and takes writes (a committed probe, and no fault this process's last write ran into), a cycle finished within three intervals, and every enabled bot
/// reported itself connected within that time (bots write a heartbeat to bot_state). Monitors in error make it
/// degraded, not unhealthy: a provider's outage must not get the container restarted.
/// </summary>
public sealed class HealthCheck(StockBotDbContext db, BotStateStore state, DatabaseHealth database, IOptions<MonitoringOptions> options, TimeProvider time)
{
    private const string HeartbeatKeyPrefix = "bot_heartbeat:";

    /// <summary>The bot_state key a platform's bot writes its heartbeat to, e.g. "bot_heartbeat:telegram".</summary>
    public static string HeartbeatKey(Platform platform) => HeartbeatKeyPrefix + platform.ToDb();

    public async Task<HealthReport> CheckAsync(IReadOnlyCollection<Platform> enabledBots, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var facts = new List<string>();
        var now = time.GetUtcNow().UtcDateTime;
        var window = options.Value.Interval * 3 < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : options.Value.Interval * 3;
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return new HealthReport(false, false, null, [database.Classify(ex)?.Message ?? $"database: {ex.Message}"], [], []);
        }

        facts.Add("database answers");
        LastCycle? last;
        try
        {
            last = await state.GetLastCycleAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            return new HealthReport(false, true, null, ["database: the schema is not there yet (run `stockbot db migrate`)"], facts, []);
        }

        if (await WriteFaultAsync(now, cancellationToken) is { } fault)
        {
            return new HealthReport(false, false, last?.FinishedAtUtc, [fault.Message], [], []);
        }

        if (last is null)
        {
            problems.Add("no monitoring cycle has finished yet");
        }
        else if (now - last.FinishedAtUtc > window)
        {
            problems.Add($"the last cycle finished {Status.StatusText.Ago(last.FinishedAtUtc, now)}, more than 3 intervals ago");
        }
        else
        {
            facts.Add($"last cycle {Status.StatusText.Ago(last.FinishedAtUtc, now)}: {last.Result.MonitorsChecked} monitor(s), {last.Result.Errors} error(s)");
        }

        foreach (var platform in enabledBots)
        {
            var bot = platform.ToDb();
            var beat = await state.GetAsync(HeartbeatKey(platform), cancellationToken);
            if (beat is null || !DateTime.TryParse(beat, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                problems.Add($"{bot} bot: not connected yet");
            }
            else if (now - at > window)
            {
                problems.Add($"{bot} bot: last connected {Status.StatusText.Ago(at, now)}");
            }
            else
            {
                facts.Add($"{bot} bot connected");
            }
        }

        return new HealthReport(problems.Count == 0, true, last?.FinishedAtUtc, problems, facts, await MonitorWarningsAsync(cancellationToken));
    }

    /// <summary>Why the database cannot be written: what this process's last write ran into, else what a probe write says.</summary>
    private async Task<DatabaseFault?> WriteFaultAsync(DateTime now, CancellationToken cancellationToken)
    {
        if (database.Current is { } known)
        {
            return known;
        }

        try
        {
            await DatabaseHealth.ProbeWriteAsync(db, now, cancellationToken);
            return null;
        }
        catch (Exception ex) when (database.Classify(ex) is { } fault)
        {
            return fault;
        }
    }

    private async Task<IReadOnlyList<string>> MonitorWarningsAsync(CancellationToken cancellationToken)
    {
        var watched = db.MonitorConfigs.AsNoTracking().Where(m => m.IsActive && m.Website!.IsActive);
        var inError = await watched.Where(m => m.Status == MonitorStatus.Error).Select(m => m.Website!.Name).ToListAsync(cancellationToken);
        if (inError.Count == 0)
        {
            return [];
        }

        var total = await watched.CountAsync(cancellationToken);
        var websites = inError.GroupBy(n => n, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ({g.Count()})");
        return [$"{inError.Count} of {total} monitor(s) in error on {string.Join(", ", websites)}; `stockbot status` says why"];
    }
}

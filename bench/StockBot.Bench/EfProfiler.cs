using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StockBot.Bench;

/// <summary>
/// Sums EF Core's own timings (commands, transaction begin/commit, connection open) from its
/// DiagnosticListener, grouped by the kind of statement. Engine code stays untouched; it is only
/// switched on for the separate profile cycles so it does not distort the main figures.
/// </summary>
internal sealed partial class EfProfiler : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, Stat> stats = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> sqlByKey = new(StringComparer.Ordinal);
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable all;
    private volatile bool enabled;

    public EfProfiler()
    {
        all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public bool Enabled
    {
        get => enabled;
        set => enabled = value;
    }

    public void Reset()
    {
        stats.Clear();
    }

    public IReadOnlyList<ProfileLine> Snapshot() =>
        stats.Select(kv => new ProfileLine(kv.Key, kv.Value.Count, kv.Value.TotalTicks / (double)TimeSpan.TicksPerMillisecond, kv.Value.MaxTicks / (double)TimeSpan.TicksPerMillisecond))
            .OrderByDescending(l => l.TotalMs)
            .ToList();

    public string? SqlFor(string key) => sqlByKey.GetValueOrDefault(key);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (!enabled)
        {
            return;
        }

        switch (value.Value)
        {
            case CommandExecutedEventData command:
                var key = Classify(command.Command.CommandText);
                sqlByKey.TryAdd(key, command.Command.CommandText);
                Add(key, command.Duration);
                break;
            case TransactionEndEventData transaction when value.Key == RelationalEventId.TransactionStarted.Name:
                Add("BEGIN (wait for the write lock)", transaction.Duration);
                break;
            case TransactionEndEventData transaction when value.Key == RelationalEventId.TransactionCommitted.Name:
                Add("COMMIT", transaction.Duration);
                break;
            case ConnectionEndEventData connection when value.Key == RelationalEventId.ConnectionOpened.Name:
                Add("connection open", connection.Duration);
                break;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all.Dispose();
        lock (subscriptions)
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    private void Add(string key, TimeSpan duration)
    {
        var stat = stats.GetOrAdd(key, static _ => new Stat());
        Interlocked.Increment(ref stat.Count);
        Interlocked.Add(ref stat.TotalTicks, duration.Ticks);
        var ticks = duration.Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref stat.MaxTicks)) && Interlocked.CompareExchange(ref stat.MaxTicks, ticks, seen) != seen)
        {
        }
    }

    /// <summary>A short, stable label: the statement's verb and table, and what it filters on.</summary>
    private static string Classify(string sql)
    {
        var text = Whitespace().Replace(sql, " ").Trim();
        var statements = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parts = statements.Select(s => Label(s)).Distinct().ToList();
        return string.Join(" + ", parts.GroupBy(p => p).Select(g => g.Key));
    }

    private static string Label(string statement)
    {
        var table = Table().Match(statement) is { Success: true } m ? m.Groups[1].Value : "?";
        if (statement.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase))
        {
            return $"INSERT {table}";
        }

        if (statement.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase))
        {
            var set = SetColumns().Match(statement) is { Success: true } s ? s.Groups[1].Value : string.Empty;
            return $"UPDATE {table} SET {Shorten(set, 60)}";
        }

        if (statement.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            var where = statement.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase);
            var tail = where < 0 ? string.Empty : " WHERE " + Shorten(statement[(where + 7)..], 70);
            return $"SELECT {table}{tail}";
        }

        return Shorten(statement, 60);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "...";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?:FROM|INTO|UPDATE)\s+""?(\w+)""?", RegexOptions.IgnoreCase)]
    private static partial Regex Table();

    [GeneratedRegex(@"SET\s+(.*?)(?:\s+WHERE|\s+FROM|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SetColumns();

    private sealed class Stat
    {
        public long Count;
        public long TotalTicks;
        public long MaxTicks;
    }
}

internal sealed record ProfileLine(string What, long Count, double TotalMs, double MaxMs);

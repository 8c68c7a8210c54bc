using StockBot.Data.Providers;

namespace StockBot.Data;

/// <summary>
/// What this process last saw when it wrote to the database: a fault (read-only, disk full...) until a write
/// succeeds again. The schedule reports into it; the health check reads it. One per process.
/// </summary>
public sealed class DatabaseHealth(DatabaseDialect dialect)
{
    /// <summary>The bot_state key of the write probe (<see cref="ProbeWriteAsync"/>).</summary>
    public const string ProbeKey = "write_probe";

    private readonly Lock gate = new();
    private DatabaseFault? current;

    /// <summary>The database as configured, e.g. "data/stockbot.db": how messages name it.</summary>
    public string Shown { get; } = dialect.Shown;

    /// <summary>The fault the last write ran into, or null when the last write went through.</summary>
    public DatabaseFault? Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    public DatabaseFault? Classify(Exception exception) => dialect.Classify(exception);

    /// <summary>Records a fault (the latest says why); true when it is news, the database having been fine until now.</summary>
    public bool ReportFault(DatabaseFault fault)
    {
        // Connections opened while the file was read-only stay read-only in the pool (and a restarted server's are
        // broken): start afresh once it is fixed.
        dialect.ClearPools();
        lock (gate)
        {
            var news = current is null;
            current = fault;
            return news;
        }
    }

    /// <summary>Records a write that went through; the fault it ends, if there was one.</summary>
    public DatabaseFault? ReportWritten()
    {
        lock (gate)
        {
            var ended = current;
            current = null;
            return ended;
        }
    }

    /// <summary>
    /// A real, committed write (one bot_state row): reading a read-only or full database works, so only a write
    /// shows whether StockBot can keep its records. Throws what the database says; <see cref="Classify"/> names it.
    /// </summary>
    public static async Task ProbeWriteAsync(StockBotDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var stamp = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO bot_state (key, value, updated_at) VALUES ({ProbeKey}, {stamp}, {now}) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            cancellationToken);
    }
}

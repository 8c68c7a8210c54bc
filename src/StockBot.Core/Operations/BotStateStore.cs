using System.Text.Json;
using StockBot.Core.Monitoring;

namespace StockBot.Core.Operations;

public sealed record LastCycle(DateTime FinishedAtUtc, CycleResult Result);

/// <summary>Facts one process leaves for another in bot_state: the last finished cycle, for `status` and health checks.</summary>
public sealed class BotStateStore(StockBotDbContext db, TimeProvider time)
{
    public const string LastCycleKey = "last_cycle";

    public async Task SaveLastCycleAsync(CycleResult result, CancellationToken cancellationToken) =>
        await SetAsync(LastCycleKey, JsonSerializer.Serialize(new LastCycle(time.GetUtcNow().UtcDateTime, result), OperationsJsonContext.Default.LastCycle), cancellationToken);

    public async Task<LastCycle?> GetLastCycleAsync(CancellationToken cancellationToken)
    {
        var value = await GetAsync(LastCycleKey, cancellationToken);
        return value is null ? null : JsonSerializer.Deserialize(value, OperationsJsonContext.Default.LastCycle);
    }

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        await db.BotStates.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var updated = await db.BotStates.Where(s => s.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Value, value).SetProperty(b => b.UpdatedAt, now), cancellationToken);
        if (updated == 0)
        {
            var row = db.BotStates.Add(new BotState { Key = key, Value = value, UpdatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance on the same database wrote the key first: this value goes over it.
                row.State = EntityState.Detached;
                await db.BotStates.Where(s => s.Key == key)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Value, value).SetProperty(b => b.UpdatedAt, now), cancellationToken);
            }
        }
    }
}

using StockBot.Core.Monitors;
using StockBot.Core.Websites;

namespace StockBot.Core.Sample;

public sealed record SampleDataResult(int Websites, int Monitors, int StockRecords, int Events);

/// <summary>
/// Two websites, three monitors and three days of plausible stock movement, so that status,
/// history and the chart show something on a fresh install.
/// </summary>
public sealed class SampleDataSeeder(StockBotDbContext db, WebsiteService websites, MonitorService monitors, TimeProvider time)
{
    public async Task<SampleDataResult> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Websites.AnyAsync(cancellationToken))
        {
            throw new InputException("sample-data", "the database already has websites; add --drop-existing to start from a clean database");
        }

        var east = await websites.CreateAsync(
            new WebsiteInput("Example Cloud", "https://billing.example.com", "sample-identifier-1", "sample-secret-east-2f9c", "US-East"),
            cancellationToken);
        var north = await websites.CreateAsync(
            new WebsiteInput("Nordic VPS", "https://my.nordicvps.example", "sample-identifier-2", "sample-secret-north-7b1d", "EU-North"),
            cancellationToken);

        var plans = new[]
        {
            (await monitors.CreateAsync(new MonitorInput(east.Id, 101, "VPS Small 2GB", ThresholdLow: 5, ThresholdHigh: 50), cancellationToken), 24),
            (await monitors.CreateAsync(new MonitorInput(east.Id, 102, "VPS Large 8GB", ThresholdLow: 2), cancellationToken), 6),
            (await monitors.CreateAsync(new MonitorInput(north.Id, 201, "Dedicated Ryzen 7950X", ThresholdLow: 1), cancellationToken), 3),
        };

        var random = new Random(20261125);
        var now = time.GetUtcNow().UtcDateTime;
        var start = now.AddDays(-3);
        var records = 0;
        var events = 0;
        foreach (var (monitor, startQuantity) in plans)
        {
            var (r, e) = AddHistory(monitor, startQuantity, start, now, random);
            records += r;
            events += e;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new SampleDataResult(2, plans.Length, records, events);
    }

    private (int Records, int Events) AddHistory(MonitorView monitor, int quantity, DateTime start, DateTime end, Random random)
    {
        var records = 0;
        var events = 0;
        var breach = Breach(monitor, quantity);
        Add(new StockRecord
        {
            MonitorConfigId = monitor.Id, Quantity = quantity, Delta = 0, StockControlEnabled = true, Available = quantity > 0,
            ChangeType = ChangeType.Initial, ThresholdBreached = breach is not null, ThresholdType = breach, CreatedAt = start,
        });
        AddEvent(monitor, MonitorEventType.StockInitialized, null, quantity, ChangeType.Initial, breach, start, $"Started tracking: {quantity} in stock");

        var lastRecordAt = start;
        for (var at = start.AddMinutes(37); at < end; at = at.AddMinutes(random.Next(40, 160)))
        {
            var roll = random.NextDouble();
            var delta = roll switch
            {
                < 0.55 => 0,
                < 0.90 => -random.Next(1, Math.Max(2, quantity / 3 + 1)),
                _ => random.Next(3, 12),
            };
            delta = Math.Max(delta, -quantity);
            if (delta == 0)
            {
                if (at - lastRecordAt >= TimeSpan.FromHours(6))
                {
                    Add(new StockRecord
                    {
                        MonitorConfigId = monitor.Id, Quantity = quantity, Delta = 0, StockControlEnabled = true, Available = quantity > 0,
                        ChangeType = ChangeType.Unchanged, ThresholdBreached = breach is not null, ThresholdType = breach, CreatedAt = at,
                    });
                    lastRecordAt = at;
                }

                continue;
            }

            var from = quantity;
            quantity += delta;
            var newBreach = Breach(monitor, quantity);
            var changeType = delta > 0 ? ChangeType.Restock : ChangeType.Purchase;
            Add(new StockRecord
            {
                MonitorConfigId = monitor.Id, Quantity = quantity, Delta = delta, StockControlEnabled = true, Available = quantity > 0,
                ChangeType = changeType, ThresholdBreached = newBreach is not null, ThresholdType = newBreach, CreatedAt = at,
            });
            lastRecordAt = at;
            AddEvent(
                monitor,
                delta > 0 ? MonitorEventType.StockIncreased : MonitorEventType.StockDecreased,
                from,
                quantity,
                changeType,
                newBreach,
                at,
                delta > 0 ? $"Restocked: {from} -> {quantity} (+{delta})" : $"Purchased: {from} -> {quantity} ({delta})");
            if (newBreach is not null && newBreach != breach)
            {
                AddEvent(
                    monitor,
                    newBreach == ThresholdType.Low ? MonitorEventType.ThresholdBreachLow : MonitorEventType.ThresholdBreachHigh,
                    from,
                    quantity,
                    changeType,
                    newBreach,
                    at,
                    newBreach == ThresholdType.Low ? $"Stock fell below {monitor.ThresholdLow}: {quantity} left" : $"Stock rose above {monitor.ThresholdHigh}: {quantity}");
            }

            breach = newBreach;
        }

        return (records, events);

        void Add(StockRecord record)
        {
            db.StockRecords.Add(record);
            records++;
        }

        void AddEvent(MonitorView m, MonitorEventType type, int? from, int to, ChangeType changeType, ThresholdType? threshold, DateTime at, string message)
        {
            db.MonitorHistories.Add(new MonitorHistory
            {
                MonitorConfigId = m.Id, EventType = type, FromQuantity = from, ToQuantity = to, Delta = to - (from ?? to),
                ChangeType = changeType, ThresholdBreached = threshold is not null, ThresholdType = threshold,
                ThresholdValue = threshold == ThresholdType.Low ? m.ThresholdLow : threshold == ThresholdType.High ? m.ThresholdHigh : null,
                Message = message, CreatedAt = at,
            });
            events++;
        }
    }

    private static ThresholdType? Breach(MonitorView monitor, int quantity) =>
        quantity < monitor.ThresholdLow ? ThresholdType.Low
        : quantity > monitor.ThresholdHigh ? ThresholdType.High
        : null;
}

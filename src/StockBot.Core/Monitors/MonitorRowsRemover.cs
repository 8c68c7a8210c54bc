namespace StockBot.Core.Monitors;

/// <summary>Deletes monitors with everything that hangs off them; the caller owns the transaction.</summary>
internal static class MonitorRowsRemover
{
    public static async Task RemoveMonitorRowsAsync(StockBotDbContext db, IReadOnlyCollection<int> monitorIds, CancellationToken cancellationToken)
    {
        if (monitorIds.Count == 0)
        {
            return;
        }

        await db.AlertDeliveries.Where(d => d.MonitorHistory!.MonitorConfigId != null && monitorIds.Contains(d.MonitorHistory.MonitorConfigId.Value)).ExecuteDeleteAsync(cancellationToken);
        await db.Subscriptions.Where(s => s.MonitorConfigId != null && monitorIds.Contains(s.MonitorConfigId.Value)).ExecuteDeleteAsync(cancellationToken);
        await db.MonitorHistories.Where(h => h.MonitorConfigId != null && monitorIds.Contains(h.MonitorConfigId.Value)).ExecuteDeleteAsync(cancellationToken);
        await db.StockRecords.Where(r => monitorIds.Contains(r.MonitorConfigId)).ExecuteDeleteAsync(cancellationToken);
        await db.MonitorConfigs.Where(m => monitorIds.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}

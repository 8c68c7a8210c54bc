using StockBot.Core.Subscriptions;

namespace StockBot.Core.Commands;

/// <summary>Suggestions for website, monitor, time zone and event-kind options (autocomplete): names and ids, as many as the platform shows.</summary>
public sealed class CommandLookups(StockBotDbContext db)
{
    public async Task<IReadOnlyList<LookupChoice>> SuggestAsync(OptionLookup lookup, string partial, IChatPlatform platform, CancellationToken cancellationToken)
    {
        var text = partial.Trim().TrimStart('#');
        // Both sides lowered: LIKE ignores ASCII case in SQLite but not in PostgreSQL.
        var pattern = $"%{text.ToLowerInvariant().Replace("%", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal)}%";
        switch (lookup)
        {
            case OptionLookup.Website:
                var sites = await db.Websites.AsNoTracking()
                    .Where(w => text == string.Empty || EF.Functions.Like(w.Name.ToLower(), pattern) || w.Id.ToString().StartsWith(text))
                    .OrderBy(w => w.Name).Take(platform.MaxLookupChoices)
                    .Select(w => new { w.Id, w.Name, w.Region })
                    .ToListAsync(cancellationToken);
                return sites.Select(s => new LookupChoice(TextLimit.Clip($"#{s.Id} {s.Name}{(s.Region is null ? string.Empty : $" ({s.Region})")}", platform.MaxChoiceNameLength), s.Id.ToString(CultureInfo.InvariantCulture))).ToList();
            case OptionLookup.Monitor:
                var monitors = await db.MonitorConfigs.AsNoTracking()
                    .Where(m => text == string.Empty || (m.ProductName != null && EF.Functions.Like(m.ProductName.ToLower(), pattern)) || EF.Functions.Like(m.Website!.Name.ToLower(), pattern) || m.Id.ToString().StartsWith(text))
                    .OrderBy(m => m.Id).Take(platform.MaxLookupChoices)
                    .Select(m => new { m.Id, m.ProductName, m.ProductId, Website = m.Website!.Name })
                    .ToListAsync(cancellationToken);
                return monitors.Select(m => new LookupChoice(TextLimit.Clip($"#{m.Id} {m.ProductName ?? $"product {m.ProductId}"} @ {m.Website}", platform.MaxChoiceNameLength), m.Id.ToString(CultureInfo.InvariantCulture))).ToList();
            case OptionLookup.TimeZone:
                return NodaTime.DateTimeZoneProviders.Tzdb.Ids
                    .Where(id => id.Contains(text, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(id => id.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(id => id, StringComparer.Ordinal)
                    .Take(platform.MaxLookupChoices)
                    .Select(id => new LookupChoice(TextLimit.Clip(id, platform.MaxChoiceNameLength), id))
                    .ToList();
            case OptionLookup.EventKinds:
                return EventKindChoices(partial, platform);
            default:
                return [];
        }
    }

    /// <summary>
    /// "restock,so" suggests "restock,soldout": the kinds typed so far, then each kind not yet in the list that starts
    /// with the last, unfinished part; nothing typed suggests the default list first.
    /// </summary>
    private static IReadOnlyList<LookupChoice> EventKindChoices(string partial, IChatPlatform platform)
    {
        var parts = partial.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant().Split(',');
        var done = parts[..^1].Where(p => EventKinds.All.Contains(p)).Distinct().ToList();
        var last = parts[^1];
        var choices = new List<string>();
        if (partial.Trim().Length == 0)
        {
            choices.Add(EventKinds.Default);
        }

        choices.AddRange(EventKinds.All
            .Where(kind => !done.Contains(kind) && kind.StartsWith(last, StringComparison.Ordinal))
            .Select(kind => string.Join(',', done.Append(kind))));
        return choices.Distinct().Take(platform.MaxLookupChoices)
            .Select(list => new LookupChoice(TextLimit.Clip(list, platform.MaxChoiceNameLength), list)).ToList();
    }
}

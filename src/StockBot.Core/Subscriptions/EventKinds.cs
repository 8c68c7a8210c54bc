namespace StockBot.Core.Subscriptions;

/// <summary>The kinds of event a subscription chooses from; stored as an ordered comma list.</summary>
[Flags]
public enum SubscriptionEventKinds
{
    None = 0,
    Restock = 1,
    Purchase = 2,
    Threshold = 4,
    Error = 8,

    /// <summary>A product a website lists for the first time.</summary>
    New = 16,

    /// <summary>A decrease to 0 / unavailable; <see cref="Purchase"/> is every other decrease.</summary>
    SoldOut = 32,
}

/// <summary>The one place the stored comma list (`restock,soldout,purchase,threshold,error,new`) is read and written.</summary>
public static class EventKinds
{
    public const string Restock = "restock";
    public const string SoldOut = "soldout";
    public const string Purchase = "purchase";
    public const string Threshold = "threshold";
    public const string Error = "error";
    public const string New = "new";

    public static readonly IReadOnlyList<string> All = [Restock, SoldOut, Purchase, Threshold, Error, New];

    private static readonly SubscriptionEventKinds[] Flags =
    [
        SubscriptionEventKinds.Restock, SubscriptionEventKinds.SoldOut, SubscriptionEventKinds.Purchase,
        SubscriptionEventKinds.Threshold, SubscriptionEventKinds.Error, SubscriptionEventKinds.New,
    ];

    /// <summary>What a subscription without `--events` takes: every sale is not news, and `error` goes only where asked.</summary>
    public static string Default => string.Join(',', Restock, SoldOut, Threshold, New);

    /// <summary>Parses "restock, purchase" into the stored, ordered comma list; unknown kinds are bad input.</summary>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default;
        }

        var kinds = SubscriptionEventKinds.None;
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kind = Named(name.ToLowerInvariant());
            if (kind == SubscriptionEventKinds.None)
            {
                throw new InputException("events", $"unknown event kind '{name.ToLowerInvariant()}'; allowed: {string.Join(", ", All)}");
            }

            kinds |= kind;
        }

        return kinds == SubscriptionEventKinds.None ? Default : Format(kinds);
    }

    /// <summary>A stored list as flags; a name this version does not know covers nothing.</summary>
    public static SubscriptionEventKinds Parse(string stored)
    {
        var kinds = SubscriptionEventKinds.None;
        foreach (var name in stored.Split(','))
        {
            kinds |= Named(name);
        }

        return kinds;
    }

    /// <summary>Flags as the stored list, in the order of <see cref="All"/>.</summary>
    public static string Format(SubscriptionEventKinds kinds) =>
        string.Join(',', Enumerable.Range(0, All.Count).Where(i => kinds.HasFlag(Flags[i])).Select(i => All[i]));

    private static SubscriptionEventKinds Named(string name) => name switch
    {
        Restock => SubscriptionEventKinds.Restock,
        SoldOut => SubscriptionEventKinds.SoldOut,
        Purchase => SubscriptionEventKinds.Purchase,
        Threshold => SubscriptionEventKinds.Threshold,
        Error => SubscriptionEventKinds.Error,
        New => SubscriptionEventKinds.New,
        _ => SubscriptionEventKinds.None,
    };
}

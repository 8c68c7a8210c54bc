using System.Globalization;

namespace StockBot.Whmcs;

/// <summary>One entry per pid, whichever reader built the list: the rule for a pid WHMCS lists more than once.</summary>
internal static class WhmcsProductList
{
    /// <summary>
    /// Entries for one pid that agree on its stock are read as one (the first); entries that disagree make the
    /// stock of that pid unknown on this read (<see cref="WhmcsProduct.StockProblem"/>), while the other pids read normally.
    /// </summary>
    public static List<WhmcsProduct> OnePerPid(List<WhmcsProduct> products)
    {
        if (products.Count < 2 || !HasRepeats(products))
        {
            return products;
        }

        var order = new List<int>();
        var byPid = new Dictionary<int, List<WhmcsProduct>>();
        foreach (var product in products)
        {
            if (!byPid.TryGetValue(product.Pid, out var entries))
            {
                byPid[product.Pid] = entries = [];
                order.Add(product.Pid);
            }

            entries.Add(product);
        }

        var merged = new List<WhmcsProduct>(order.Count);
        foreach (var pid in order)
        {
            var entries = byPid[pid];
            var first = entries[0];
            merged.Add(entries.TrueForAll(e => SameStock(e, first))
                ? first
                : first with
                {
                    Quantity = null,
                    StockProblem = $"WHMCS listed pid {pid} {entries.Count} times with different stock ({string.Join(", ", entries.Select(Describe))})",
                });
        }

        return merged;
    }

    private static bool HasRepeats(List<WhmcsProduct> products)
    {
        var seen = new HashSet<int>();
        return !products.TrueForAll(p => seen.Add(p.Pid));
    }

    private static bool SameStock(WhmcsProduct a, WhmcsProduct b) =>
        a.StockControl == b.StockControl && a.Quantity == b.Quantity && a.StockProblem == b.StockProblem;

    private static string Describe(WhmcsProduct product) => product switch
    {
        { StockProblem: not null } => "not a count",
        { StockControl: false } => "stock control off",
        _ => product.Quantity!.Value.ToString(CultureInfo.InvariantCulture),
    };
}

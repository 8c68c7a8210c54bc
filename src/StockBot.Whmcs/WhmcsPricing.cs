using System.Globalization;

namespace StockBot.Whmcs;

/// <summary>A product's price as GetProducts' <c>pricing</c> gives it: the cheapest enabled cycle of the first currency.</summary>
/// <param name="Prefix">The currency's prefix, e.g. "$" (may be empty).</param>
/// <param name="Suffix">The currency's suffix, e.g. " USD" (may be empty).</param>
/// <param name="Cycle">monthly, quarterly, semiannually, annually, biennially, triennially, onetime or free.</param>
public sealed record WhmcsPrice(string Prefix, string Suffix, decimal Amount, string Cycle);

/// <summary>
/// The one rule of reading <c>pricing</c> (<c>{"USD":{"prefix":"$","suffix":" USD","monthly":"5.00","annually":"-1.00",...}}</c>),
/// shared by the fast reader and the document path so both give the same price: the first currency whose value is an
/// object; a cycle whose amount is negative (WHMCS's -1.00) is disabled; `paytype` free is free, onetime is the monthly field.
/// </summary>
internal static class WhmcsPricing
{
    /// <summary>The recurring cycles, shortest first: a tie on amount goes to the shorter cycle.</summary>
    private static readonly string[] Cycles = ["monthly", "quarterly", "semiannually", "annually", "biennially", "triennially"];

    /// <summary>The price from the first currency's fields (name, text as given), and the product's paytype.</summary>
    public static WhmcsPrice? Choose(string? paytype, IReadOnlyDictionary<string, string>? currency)
    {
        if (string.Equals(paytype, "free", StringComparison.OrdinalIgnoreCase))
        {
            return new WhmcsPrice(string.Empty, string.Empty, 0m, "free");
        }

        if (currency is null)
        {
            return null;
        }

        var prefix = currency.GetValueOrDefault("prefix") ?? string.Empty;
        var suffix = currency.GetValueOrDefault("suffix") ?? string.Empty;
        if (string.Equals(paytype, "onetime", StringComparison.OrdinalIgnoreCase))
        {
            return Amount(currency, "monthly") is { } once ? new WhmcsPrice(prefix, suffix, once, "onetime") : null;
        }

        WhmcsPrice? best = null;
        foreach (var cycle in Cycles)
        {
            if (Amount(currency, cycle) is { } amount && (best is null || amount < best.Amount))
            {
                best = new WhmcsPrice(prefix, suffix, amount, cycle);
            }
        }

        return best;
    }

    private static decimal? Amount(IReadOnlyDictionary<string, string> currency, string cycle) =>
        currency.TryGetValue(cycle, out var text)
        && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
        && amount >= 0
            ? amount
            : null;
}

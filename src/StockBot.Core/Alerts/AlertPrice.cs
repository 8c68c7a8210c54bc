using StockBot.Whmcs;

namespace StockBot.Core.Alerts;

/// <summary>A price as alerts show it: "$5.00/mo", "€50.00/yr", "Free"; from WHMCS's pricing or a storefront's listing.</summary>
public static class AlertPrice
{
    public const int MaxLength = 100;

    /// <summary>GetProducts' cheapest enabled cycle: prefix, amount and the cycle ("$5.00/mo"); the suffix only without a prefix.</summary>
    public static string? Of(WhmcsPrice? price)
    {
        if (price is null)
        {
            return null;
        }

        if (price.Cycle == "free")
        {
            return "Free";
        }

        var amount = price.Amount.ToString("0.00", CultureInfo.InvariantCulture);
        var money = price.Prefix.Length > 0 ? $"{price.Prefix}{amount}" : $"{amount}{price.Suffix}".Trim();
        return Clip(money + Cycle(price.Cycle));
    }

    /// <summary>A storefront's listed price and cycle ("$5.00 USD", "Monthly") as "$5.00/mo".</summary>
    public static string? Of(string? price, string? cycle)
    {
        if (string.IsNullOrWhiteSpace(price))
        {
            return null;
        }

        var money = price.Trim();
        // "$5.00 USD": the symbol says it already.
        if (money.Length > 4 && !char.IsLetterOrDigit(money[0]) && money[^4] == ' ' && money[^3..].All(char.IsAsciiLetterUpper))
        {
            money = money[..^4];
        }

        var key = new string((cycle ?? string.Empty).Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
        return Clip(key.Length == 0 ? money : money + Cycle(key));
    }

    private static string Cycle(string cycle) => cycle switch
    {
        "monthly" => "/mo",
        "quarterly" => "/qtr",
        "semiannually" => "/6 mo",
        "annually" => "/yr",
        "biennially" => "/2 yr",
        "triennially" => "/3 yr",
        "onetime" => " one-time",
        "free" => string.Empty,
        _ => " " + cycle,
    };

    private static string Clip(string text) => TextLimit.Clip(text, MaxLength);
}

using System.Text.RegularExpressions;

namespace StockBot.Core.Commands;

/// <summary>
/// The services name bad input by the specification's column (website_url, threshold_low); people typed an option
/// (--url, low=). This is the one translation, used by every front end, so an error names what the user typed.
/// </summary>
public static partial class InputFields
{
    private static readonly Dictionary<string, string> OptionByField = new(StringComparer.Ordinal)
    {
        ["website_url"] = "url",
        ["website_id"] = "website",
        ["monitor_id"] = "monitor",
        ["subscription_id"] = "subscription",
        ["product_id"] = "product",
        ["product_name"] = "name",
        ["threshold_low"] = "low",
        ["threshold_high"] = "high",
        ["api_access_key"] = "access_key",
    };

    /// <summary>The catalog option a service field is typed as; the field itself when it has no other name.</summary>
    public static string OptionFor(string field) => OptionByField.TryGetValue(field, out var option) ? option : field;

    /// <summary>The service fields typed as <paramref name="option"/> (threshold_low for low): the API takes them as its names too.</summary>
    public static IEnumerable<string> FieldsOf(string option) => OptionByField.Where(p => p.Value == option).Select(p => p.Key);

    /// <summary>
    /// <paramref name="error"/> with its field, and any field its text mentions ("must not be above threshold_high"),
    /// written as <paramref name="spell"/> spells an option (CLI: --high; chat: high).
    /// </summary>
    public static string Rewrite(InputException error, Func<string, string> spell)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(spell);
        var detail = FieldWord().Replace(error.Detail, m => OptionByField.TryGetValue(m.Value, out var option) ? spell(option) : m.Value);
        return $"{spell(OptionFor(error.Field))}: {detail}";
    }

    [GeneratedRegex(@"\b[a-z]+(_[a-z]+)+\b")]
    private static partial Regex FieldWord();
}

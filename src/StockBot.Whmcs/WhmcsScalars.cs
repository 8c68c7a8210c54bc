using System.Globalization;

namespace StockBot.Whmcs;

/// <summary>What kind of JSON value a field came as, for the rules both parsers share.</summary>
internal enum ScalarKind
{
    Absent,
    Null,
    Number,
    String,

    /// <summary>true, false, or an object or array where a scalar belongs: its JSON text.</summary>
    Other,
}

/// <summary>How WHMCS's loosely typed values read as text ("12", "12.0", "true", "on"): shared by both parsers.</summary>
internal static class WhmcsScalars
{
    private const int MaxQuoted = 40;

    public static bool TryParseInt(ReadOnlySpan<char> text, out int value)
    {
        text = text.Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)number;
            return true;
        }

        value = 0;
        return false;
    }

    public static bool IsTrue(string? text) => text?.Trim().ToUpperInvariant() is "TRUE" or "1" or "ON" or "YES";

    /// <summary>
    /// A stock level with stock control on: a whole number from 0 to <see cref="int.MaxValue"/> ("12", 12, "12.0"), or
    /// why it is not one. Anything else is not a count, so it is never read as one (a 0 from "abc" would post a false
    /// "sold out", and the next good read a false "restock").
    /// </summary>
    /// <param name="text">A string's value, or a number's JSON text.</param>
    /// <returns>Null when <paramref name="level"/> holds the count; otherwise the line that names the value.</returns>
    public static string? ReadStockLevel(int pid, string field, ScalarKind kind, string? text, out int level)
    {
        level = 0;
        if (kind == ScalarKind.Absent)
        {
            return $"WHMCS gave no stocklevel for pid {pid} although stock control is on";
        }

        var reason = kind is ScalarKind.Number or ScalarKind.String ? WholeNumber(text, out level) : "not a whole number";
        return reason is null ? null : $"WHMCS gave {field} {Quote(kind, text)} for pid {pid}: {reason}";
    }

    private static string? WholeNumber(string? text, out int level)
    {
        level = 0;
        var span = text.AsSpan().Trim();
        if (int.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact))
        {
            level = exact;
            return exact < 0 ? "negative, not a count" : null;
        }

        if (decimal.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (number != decimal.Truncate(number))
            {
                return "not a whole number";
            }

            if (number < 0)
            {
                return "negative, not a count";
            }

            if (number > int.MaxValue)
            {
                return $"more than {int.MaxValue}";
            }

            level = (int)number;
            return null;
        }

        // Beyond decimal's range (1e40) but still a number: too large to be a count.
        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var huge) && double.IsFinite(huge)
            ? huge < 0 ? "negative, not a count" : $"more than {int.MaxValue}"
            : "not a whole number";
    }

    private static string Quote(ScalarKind kind, string? text)
    {
        var shown = text ?? "null";
        if (shown.Length > MaxQuoted)
        {
            shown = string.Concat(shown.AsSpan(0, MaxQuoted), "...");
        }

        shown = string.Create(shown.Length, shown, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
        return kind == ScalarKind.String ? $"\"{shown}\"" : shown;
    }
}

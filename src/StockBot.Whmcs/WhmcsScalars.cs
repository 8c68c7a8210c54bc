using System.Globalization;

namespace StockBot.Whmcs;

/// <summary>How WHMCS's loosely typed values read as text ("12", "12.0", "true", "on"): shared by both parsers.</summary>
internal static class WhmcsScalars
{
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
}

namespace StockBot.Core.Alerts;

/// <summary>Why several alerts go as one message.</summary>
public enum DigestReason
{
    /// <summary>More alerts than the subscription's digest-after were due at once.</summary>
    Burst,

    /// <summary>The alerts held during the subscription's quiet hours, sent when they ended.</summary>
    QuietHoursEnded,
}

/// <summary>Several alerts to one channel as one message, oldest first; each platform renders it within its limits.</summary>
public sealed record Digest(IReadOnlyList<Alert> Alerts, DigestReason Reason, DateTime CreatedAtUtc)
{
    /// <summary>"🌙" after quiet hours, "📣" for a burst.</summary>
    public string Emoji => Reason == DigestReason.QuietHoursEnded ? "🌙" : "📣";

    /// <summary>"7 alerts while quiet hours were on", "30 alerts".</summary>
    public string Heading => Reason == DigestReason.QuietHoursEnded ? $"{Count(Alerts.Count)} while quiet hours were on" : Count(Alerts.Count);

    /// <summary>"🌙 7 alerts while quiet hours were on", "📣 30 alerts".</summary>
    public string Title => $"{Emoji} {Heading}";

    /// <summary>"and 5 more": the line that ends a digest cut to fit its platform.</summary>
    public static string More(int left) => $"and {left.ToString(CultureInfo.InvariantCulture)} more";

    /// <summary>One alert as a digest line, without its link: "🟢 Restock: VPS 1 — Main Site (EU): 0 → 5 (+5)".</summary>
    public static string Line(Alert alert) => $"{AlertText.Emoji(alert.Kind)} {LineText(alert)}";

    /// <summary>The line without its emoji: "Restock: VPS 1 — Main Site (EU): 0 → 5 (+5)".</summary>
    public static string LineText(Alert alert) => $"{AlertText.Title(alert)} — {AlertText.Where(alert)}: {AlertText.Change(alert)}";

    private static string Count(int n) => n == 1 ? "1 alert" : $"{n.ToString(CultureInfo.InvariantCulture)} alerts";
}

namespace StockBot.Core.Subscriptions;

/// <summary>
/// A subscription's alert timing as typed (`--digest-after`, `--quiet`, `--timezone`), checked once for `add` and
/// `update`: bad input names the flag and what is allowed.
/// </summary>
internal sealed record SubscriptionTiming(int DigestAfter, string? QuietHours, string? TimeZone)
{
    public const string DigestAfterFlag = "digest_after";
    public const int MaxDigestAfter = 1000;

    /// <summary>`--template` of `add` and `update`.</summary>
    public const string TemplateFlag = Alerts.AlertTemplate.Flag;

    /// <summary>What ends the quiet hours in `subscription update`.</summary>
    public const string Off = "off";

    public static SubscriptionTiming Of(int? digestAfter, string? quiet, string? timeZone)
    {
        var (range, zone) = Quiet(quiet, timeZone);
        return new SubscriptionTiming(CheckDigestAfter(digestAfter) ?? Subscription.DefaultDigestAfter, range, zone);
    }

    public void ApplyTo(Subscription subscription)
    {
        subscription.DigestAfter = DigestAfter;
        subscription.QuietHours = QuietHours;
        subscription.TimeZone = TimeZone;
    }

    public static void Update(Subscription subscription, SubscriptionUpdate update)
    {
        if (update == new SubscriptionUpdate())
        {
            throw new InputException("options", "nothing to change; give --digest-after, --quiet, --timezone or --template");
        }

        if (update.Template is { } template)
        {
            subscription.Template = string.Equals(template.Trim(), Off, StringComparison.OrdinalIgnoreCase)
                ? null
                : Alerts.AlertTemplate.Check(template) ?? throw new InputException(TemplateFlag, "give Liquid text, or off for the built-in alert text");
        }

        subscription.DigestAfter = CheckDigestAfter(update.DigestAfter) ?? subscription.DigestAfter;
        if (string.Equals(update.QuietHours?.Trim(), Off, StringComparison.OrdinalIgnoreCase))
        {
            subscription.QuietHours = null;
            subscription.TimeZone = null;
            return;
        }

        if (update.QuietHours is not null || update.TimeZone is not null)
        {
            var range = update.QuietHours ?? subscription.QuietHours
                ?? throw new InputException(Alerts.QuietHours.TimeZoneFlag, "applies to quiet hours: give --quiet HH:MM-HH:MM too");
            (subscription.QuietHours, subscription.TimeZone) = Quiet(range, update.TimeZone ?? subscription.TimeZone);
        }
    }

    private static int? CheckDigestAfter(int? value) =>
        value is < 1 or > MaxDigestAfter
            ? throw new InputException(DigestAfterFlag, $"must be between 1 and {MaxDigestAfter} (more alerts than this at once go as one digest)")
            : value;

    private static (string? Range, string? Zone) Quiet(string? quiet, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(quiet))
        {
            return string.IsNullOrWhiteSpace(timeZone)
                ? (null, null)
                : throw new InputException(Alerts.QuietHours.TimeZoneFlag, "applies to quiet hours: give --quiet HH:MM-HH:MM too");
        }

        var parsed = Alerts.QuietHours.Parse(quiet, timeZone);
        return (parsed.Range, parsed.Zone.Id);
    }
}

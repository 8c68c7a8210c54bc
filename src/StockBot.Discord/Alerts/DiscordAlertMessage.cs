using StockBot.Core.Alerts;
using StockBot.Data.Entities;

namespace StockBot.Discord.Alerts;

/// <summary>
/// An alert as a Discord message: one embed, a Buy link button, and the role mention (and only it)
/// allowed to ping; or, after Discord refused that, the plain form: content only, nothing that can ping.
/// </summary>
public static class DiscordAlertMessage
{
    /// <summary>Far below the description's 4096: an alert is read at a glance, its details are in the fields.</summary>
    private const int SummaryLimit = 1024;

    public static EmbedColour Colour(AlertKind kind) => kind switch
    {
        AlertKind.Restock => EmbedColour.Green,
        AlertKind.Purchase => EmbedColour.Orange,
        AlertKind.SoldOut => EmbedColour.Crimson,
        AlertKind.ThresholdLow => EmbedColour.Red,
        AlertKind.ThresholdHigh => EmbedColour.Blue,
        _ => EmbedColour.Grey,
    };

    /// <param name="template">The subscription's Liquid template: its text (escaped, so it adds no markdown) is the embed's description.</param>
    public static MessagePayload Build(Alert alert, string? mention, AlertForm form = AlertForm.Full, string? template = null) =>
        form == AlertForm.Plain ? BuildPlain(alert) : BuildFull(alert, mention, template);

    /// <summary>Text only: no embed, no components, no markdown links, no mention; a buy link only as bare text, and only when Discord takes it.</summary>
    public static MessagePayload BuildPlain(Alert alert)
    {
        var lines = new List<string>
        {
            $"{AlertText.Emoji(alert.Kind)} {DiscordText.Escape(AlertText.Title(alert))}",
            DiscordText.Escape($"{AlertText.Where(alert)}: {AlertText.Change(alert)}. {AlertText.Summary(alert)}"),
            $"<t:{AlertText.UnixSeconds(alert).ToString(CultureInfo.InvariantCulture)}:f>",
        };
        if (DiscordText.IsHttpUrl(alert.BuyLink))
        {
            lines.Add($"Buy: {alert.BuyLink}");
        }

        return new MessagePayload(null, AllowedMentions.None, DiscordText.Truncate(string.Join('\n', lines), DiscordLimits.ContentLimit));
    }

    private static MessagePayload BuildFull(Alert alert, string? mention, string? template)
    {
        var buyLink = DiscordText.IsHttpUrl(alert.BuyLink) && AlertText.HasBuyLink(alert) ? alert.BuyLink : null;
        var text = template is not null && AlertTemplate.Render(template, alert) is { } own ? own : AlertText.Summary(alert);
        var embed = new Embed(
            DiscordText.Truncate($"{AlertText.Emoji(alert.Kind)} {DiscordText.Escape(AlertText.Title(alert))}", DiscordLimits.TitleLimit),
            (int)Colour(alert.Kind),
            DiscordText.Truncate(DiscordText.Escape(text), SummaryLimit),
            buyLink,
            Fields(alert),
            new EmbedFooter($"Monitor #{alert.MonitorId.ToString(CultureInfo.InvariantCulture)} · product {alert.ProductId.ToString(CultureInfo.InvariantCulture)}"),
            Timestamp: DateTime.SpecifyKind(alert.OccurredAtUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        var buy = buyLink is null ? null : new[] { new ActionRow<LinkButton>([new LinkButton("Buy", buyLink)]) };
        var role = DiscordText.RoleId(mention);
        return role is null
            ? new MessagePayload([embed], AllowedMentions.None, Components: buy)
            : new MessagePayload([embed], new AllowedMentions([], [role]), $"<@&{role}>", buy);
    }

    private static List<EmbedField> Fields(Alert alert)
    {
        var fields = new List<EmbedField>
        {
            Field("Quantity", alert.StockControlEnabled ? alert.ToQuantity.ToString(CultureInfo.InvariantCulture) : "no stock limit"),
            Field("Change", AlertText.Change(alert)),
            Field("Website", alert.Website),
        };
        if (!string.IsNullOrWhiteSpace(alert.Region))
        {
            fields.Add(Field("Region", alert.Region));
        }

        if (alert.Price is { } price)
        {
            fields.Add(Field("Price", price));
        }

        if (alert.Threshold is { } threshold && (alert.Kind is AlertKind.ThresholdLow or AlertKind.ThresholdHigh || alert.Crossed is not null))
        {
            var low = alert.Kind == AlertKind.ThresholdLow || alert.Crossed == ThresholdType.Low;
            fields.Add(Field(low ? "Low mark" : "High mark", threshold.ToString(CultureInfo.InvariantCulture)));
        }

        return fields;
    }

    private static EmbedField Field(string name, string value) =>
        new(name, DiscordText.Truncate(DiscordText.Escape(value), DiscordLimits.FieldValueLimit), Inline: true);
}

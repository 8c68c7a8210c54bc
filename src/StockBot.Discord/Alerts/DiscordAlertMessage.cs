using System.Globalization;
using System.Text.Json.Nodes;
using StockBot.Core.Alerts;
using StockBot.Discord.Protocol;

namespace StockBot.Discord.Alerts;

/// <summary>An alert as a Discord message: one embed, a Buy link button, and the role mention (and only it) allowed to ping.</summary>
public static class DiscordAlertMessage
{
    /// <summary>Far below the description's 4096: an alert is read at a glance, its details are in the fields.</summary>
    private const int SummaryLimit = 1024;

    public static EmbedColour Colour(AlertKind kind) => kind switch
    {
        AlertKind.Restock => EmbedColour.Green,
        AlertKind.Purchase => EmbedColour.Orange,
        AlertKind.ThresholdLow => EmbedColour.Red,
        AlertKind.ThresholdHigh => EmbedColour.Blue,
        _ => EmbedColour.Grey,
    };

    public static JsonObject Build(Alert alert, string? mention)
    {
        var embed = new JsonObject
        {
            ["title"] = DiscordText.Truncate($"{AlertText.Emoji(alert.Kind)} {DiscordText.Escape(AlertText.Title(alert))}", DiscordLimits.TitleLimit),
            ["description"] = DiscordText.Truncate(DiscordText.Escape(AlertText.Summary(alert)), SummaryLimit),
            ["color"] = (int)Colour(alert.Kind),
            ["fields"] = Fields(alert),
            ["footer"] = new JsonObject { ["text"] = $"Monitor #{alert.MonitorId.ToString(CultureInfo.InvariantCulture)} · product {alert.ProductId.ToString(CultureInfo.InvariantCulture)}" },
            ["timestamp"] = DateTime.SpecifyKind(alert.OccurredAtUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (DiscordText.IsHttpUrl(alert.BuyLink))
        {
            embed["url"] = alert.BuyLink;
        }

        var message = new JsonObject { ["embeds"] = new JsonArray(embed) };
        if (DiscordText.IsHttpUrl(alert.BuyLink))
        {
            message["components"] = new JsonArray(DiscordComponents.ActionRow(new JsonArray(DiscordComponents.LinkButton("Buy", alert.BuyLink))));
        }

        var role = DiscordText.RoleId(mention);
        if (role is not null)
        {
            message["content"] = $"<@&{role}>";
            message["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray(), ["roles"] = new JsonArray(role) };
        }
        else
        {
            message["allowed_mentions"] = DiscordComponents.NoMentions();
        }

        return message;
    }

    private static JsonArray Fields(Alert alert)
    {
        var fields = new JsonArray
        {
            Field("Quantity", alert.StockControlEnabled ? alert.ToQuantity.ToString(CultureInfo.InvariantCulture) : "no stock limit"),
            Field("Change", AlertText.Change(alert)),
            Field("Website", alert.Website),
        };
        if (!string.IsNullOrWhiteSpace(alert.Region))
        {
            fields.Add(Field("Region", alert.Region));
        }

        if (alert.Threshold is { } threshold && alert.Kind is AlertKind.ThresholdLow or AlertKind.ThresholdHigh)
        {
            fields.Add(Field(alert.Kind == AlertKind.ThresholdLow ? "Low mark" : "High mark", threshold.ToString(CultureInfo.InvariantCulture)));
        }

        return fields;
    }

    private static JsonObject Field(string name, string value) => new()
    {
        ["name"] = name,
        ["value"] = DiscordText.Truncate(DiscordText.Escape(value), DiscordLimits.FieldValueLimit),
        ["inline"] = true,
    };
}

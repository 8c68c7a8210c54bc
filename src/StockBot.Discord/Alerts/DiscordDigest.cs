using StockBot.Core.Alerts;

namespace StockBot.Discord.Alerts;

/// <summary>
/// A digest as one Discord message: one embed with a field per alert (up to 25, each with its Buy link), the rest
/// listed with their links in the description until the embed's 6000 characters are used, then "and K more"; or,
/// after Discord refused that, the plain form: content only, bare links, nothing that can ping.
/// </summary>
public static class DiscordDigest
{
    public const int MaxFields = DiscordLimits.FieldsPerEmbed;

    /// <summary>Discord's limit on all of an embed's text together, with room to spare for the footer.</summary>
    private const int EmbedBudget = DiscordLimits.EmbedTotalLimit - 200;

    // Names are cut below Discord's limit so the ellipsis and the emoji prefix still fit.
    private const int FieldNameLimit = 200;

    public static MessagePayload Build(Digest digest, string? mention, AlertForm form = AlertForm.Full) =>
        form == AlertForm.Plain ? BuildPlain(digest) : BuildFull(digest, mention);

    public static MessagePayload BuildPlain(Digest digest)
    {
        var lines = new List<string> { DiscordText.Escape(digest.Title) };
        var limit = DiscordLimits.ContentLimit - 40;
        var used = lines[0].Length;
        for (var i = 0; i < digest.Alerts.Count; i++)
        {
            var alert = digest.Alerts[i];
            var line = DiscordText.Escape(Digest.Line(alert)) + (DiscordText.IsHttpUrl(alert.BuyLink) ? $" {alert.BuyLink}" : string.Empty);
            if (used + 1 + line.Length > limit)
            {
                lines.Add(Digest.More(digest.Alerts.Count - i));
                break;
            }

            lines.Add(line);
            used += 1 + line.Length;
        }

        return new MessagePayload(null, AllowedMentions.None, string.Join('\n', lines));
    }

    private static MessagePayload BuildFull(Digest digest, string? mention)
    {
        var title = DiscordText.Truncate(DiscordText.Escape(digest.Title), DiscordLimits.TitleLimit);
        var used = title.Length;
        var fields = new List<EmbedField>();
        var alerts = digest.Alerts;
        var next = 0;
        for (; next < alerts.Count && fields.Count < MaxFields; next++)
        {
            var field = Field(alerts[next]);
            if (used + field.Name.Length + field.Value.Length > EmbedBudget)
            {
                break;
            }

            fields.Add(field);
            used += field.Name.Length + field.Value.Length;
        }

        var embed = new Embed(
            title,
            (int)EmbedColour.Blurple,
            Rest(alerts, next, Math.Min(DiscordLimits.DescriptionLimit, EmbedBudget - used)),
            Fields: fields,
            Footer: new EmbedFooter("StockBot digest · oldest first"),
            Timestamp: DateTime.SpecifyKind(digest.CreatedAtUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        var role = DiscordText.RoleId(mention);
        return role is null
            ? new MessagePayload([embed], AllowedMentions.None)
            : new MessagePayload([embed], new AllowedMentions([], [role]), $"<@&{role}>");
    }

    /// <summary>The alerts that got no field, as linked lines, then "and K more" for what does not fit; null when none are left.</summary>
    private static string? Rest(IReadOnlyList<Alert> alerts, int from, int budget)
    {
        if (from >= alerts.Count)
        {
            return null;
        }

        var lines = new List<string> { $"{Digest.More(alerts.Count - from)}:" };
        var used = lines[0].Length;
        for (var i = from; i < alerts.Count; i++)
        {
            var line = $"• {Linked(alerts[i])}";
            var left = alerts.Count - i;
            if (used + 1 + line.Length + 20 > budget)
            {
                lines.Add($"… {Digest.More(left)}");
                break;
            }

            lines.Add(line);
            used += 1 + line.Length;
        }

        return string.Join('\n', lines);
    }

    private static EmbedField Field(Alert alert)
    {
        var name = DiscordText.Truncate(DiscordText.Escape($"{AlertText.Emoji(alert.Kind)} {AlertText.Title(alert)}"), FieldNameLimit);
        var value = DiscordText.Escape($"{AlertText.Where(alert)}: {AlertText.Change(alert)}");
        var buy = DiscordText.IsHttpUrl(alert.BuyLink) ? $"\n[Buy]({alert.BuyLink})" : string.Empty;
        return new EmbedField(name, DiscordText.Truncate(value, DiscordLimits.FieldValueLimit - buy.Length) + buy, Inline: false);
    }

    private static string Linked(Alert alert)
    {
        var text = DiscordText.Escape(DiscordText.Truncate(Digest.Line(alert), 150));
        return DiscordText.IsHttpUrl(alert.BuyLink) ? $"[{text}]({alert.BuyLink})" : text;
    }
}

using StockBot.Core.Commands;

namespace StockBot.Discord.Interactions;

/// <summary>A command reply as a Discord message body: one embed (plain text escaped), link buttons, the chart as attachment://chart.png.</summary>
public static class DiscordReplyMessage
{
    public const string ChartFileName = "chart.png";

    /// <summary>Well inside the footer's 2048, so the chart's caption stays one glance.</summary>
    private const int CaptionLimit = 1000;

    public static MessagePayload Build(CommandReply reply, bool ephemeral, bool forEdit = false)
    {
        var colour = reply.Status switch
        {
            ReplyStatus.Ok => EmbedColour.Blurple,
            ReplyStatus.Error => EmbedColour.Red,
            _ => EmbedColour.Grey,
        };
        var embed = new Embed(
            DiscordText.Truncate(DiscordText.Escape(reply.Title), DiscordLimits.TitleLimit),
            (int)colour,
            reply.Lines.Count > 0 ? DiscordText.Truncate(string.Join('\n', reply.Lines.Select(DiscordText.Escape)), DiscordLimits.DescriptionLimit) : null);
        IReadOnlyList<AttachmentReference>? attachments = null;
        if (reply.ImagePng is not null)
        {
            var footer = string.IsNullOrWhiteSpace(reply.ImageCaption) ? null : new EmbedFooter(DiscordText.Truncate(reply.ImageCaption, CaptionLimit));
            embed = embed with { Image = new EmbedImage($"attachment://{ChartFileName}"), Footer = footer };
            attachments = [new AttachmentReference(0, ChartFileName)];
        }

        var rows = reply.Buttons
            .Where(b => DiscordText.IsHttpUrl(b.Url))
            .Take(DiscordLimits.ButtonsPerRow * DiscordLimits.ActionRowsPerMessage)
            .Select(b => new LinkButton(DiscordText.Truncate(b.Label, DiscordLimits.ButtonLabelLimit), b.Url))
            .Chunk(DiscordLimits.ButtonsPerRow)
            .Select(chunk => new ActionRow<LinkButton>(chunk))
            .ToList();
        return new MessagePayload(
            [embed],
            AllowedMentions.None,
            Content: reply.Notice is { } notice ? DiscordText.Truncate("⚠️ " + DiscordText.Escape(notice), DiscordLimits.ContentLimit) : null,
            Components: rows.Count > 0 || forEdit ? rows : null,
            Attachments: attachments,
            Flags: ephemeral && !forEdit ? MessageFlags.Ephemeral : null);
    }
}

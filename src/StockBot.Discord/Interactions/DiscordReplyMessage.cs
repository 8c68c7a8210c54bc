using System.Text.Json.Nodes;
using StockBot.Core.Commands;
using StockBot.Discord.Protocol;

namespace StockBot.Discord.Interactions;

/// <summary>A command reply as a Discord message body: one embed (plain text escaped), link buttons, the chart as attachment://chart.png.</summary>
public static class DiscordReplyMessage
{
    public const string ChartFileName = "chart.png";

    /// <summary>Well inside the footer's 2048, so the chart's caption stays one glance.</summary>
    private const int CaptionLimit = 1000;

    public static JsonObject Build(CommandReply reply, bool ephemeral, bool forEdit = false)
    {
        var embed = new JsonObject
        {
            ["title"] = DiscordText.Truncate(DiscordText.Escape(reply.Title), DiscordLimits.TitleLimit),
            ["color"] = (int)(reply.Status switch
            {
                ReplyStatus.Ok => EmbedColour.Blurple,
                ReplyStatus.Error => EmbedColour.Red,
                _ => EmbedColour.Grey,
            }),
        };
        if (reply.Lines.Count > 0)
        {
            embed["description"] = DiscordText.Truncate(string.Join('\n', reply.Lines.Select(DiscordText.Escape)), DiscordLimits.DescriptionLimit);
        }

        var message = new JsonObject
        {
            ["embeds"] = new JsonArray(embed),
            ["allowed_mentions"] = DiscordComponents.NoMentions(),
        };
        if (reply.ImagePng is not null)
        {
            embed["image"] = new JsonObject { ["url"] = $"attachment://{ChartFileName}" };
            if (!string.IsNullOrWhiteSpace(reply.ImageCaption))
            {
                embed["footer"] = new JsonObject { ["text"] = DiscordText.Truncate(reply.ImageCaption, CaptionLimit) };
            }

            message["attachments"] = new JsonArray(new JsonObject { ["id"] = 0, ["filename"] = ChartFileName });
        }

        var buttons = reply.Buttons.Where(b => DiscordText.IsHttpUrl(b.Url)).Take(DiscordLimits.ButtonsPerRow * DiscordLimits.ActionRowsPerMessage).ToList();
        if (buttons.Count > 0)
        {
            var rows = new JsonArray();
            foreach (var chunk in buttons.Chunk(DiscordLimits.ButtonsPerRow))
            {
                var row = new JsonArray();
                foreach (var button in chunk)
                {
                    row.Add(DiscordComponents.LinkButton(button.Label, button.Url));
                }

                rows.Add(DiscordComponents.ActionRow(row));
            }

            message["components"] = rows;
        }
        else if (forEdit)
        {
            message["components"] = new JsonArray();
        }

        if (ephemeral && !forEdit)
        {
            message["flags"] = (int)MessageFlags.Ephemeral;
        }

        return message;
    }
}

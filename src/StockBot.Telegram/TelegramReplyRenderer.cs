using StockBot.Core.Commands;
using Telegram.Bot.Types.ReplyMarkups;

namespace StockBot.Telegram;

/// <summary>One Telegram message of a reply: HTML text (or a photo caption), and its buttons.</summary>
internal sealed record TelegramOutgoing(string Html, InlineKeyboardMarkup? Keyboard, byte[]? Photo = null);

/// <summary>Command replies as Telegram HTML: bold title, escaped lines, URL buttons, split under the limits.</summary>
internal static class TelegramReplyRenderer
{
    public static IReadOnlyList<TelegramOutgoing> Render(CommandReply reply)
    {
        var title = $"{Prefix(reply.Status)}{TelegramHtml.Bold(reply.Title)}";
        var lines = reply.Lines.Select(TelegramHtml.Escape).ToList();
        if (reply.Notice is { } notice)
        {
            // The turned-off follow comes first, before the answer to what was asked.
            title = $"⚠️ {TelegramHtml.Escape(notice)}\n{title}";
        }

        var keyboard = TelegramHtml.Keyboard(reply.Buttons.Select(b => (b.Label, b.Url)));
        var messages = new List<TelegramOutgoing>();

        if (reply.ImagePng is { Length: > 0 } png)
        {
            // The caption holds the summary and as many lines as fit; the rest follows as text.
            var caption = TelegramHtml.Bold(TelegramHtml.Truncate(reply.ImageCaption ?? reply.Title, 200));
            var taken = 0;
            foreach (var line in lines)
            {
                if (caption.Length + 1 + line.Length > TelegramHtml.MaxCaptionLength)
                {
                    break;
                }

                caption += "\n" + line;
                taken++;
            }

            var rest = lines.Skip(taken).ToList();
            messages.Add(new TelegramOutgoing(caption, rest.Count == 0 ? keyboard : null, png));
            if (rest.Count > 0)
            {
                var parts = TelegramHtml.Split(rest);
                messages.AddRange(parts.Select((p, i) => new TelegramOutgoing(p, i == parts.Count - 1 ? keyboard : null)));
            }

            return messages;
        }

        var chunks = TelegramHtml.Split([title, .. lines]);
        messages.AddRange(chunks.Select((p, i) => new TelegramOutgoing(p, i == chunks.Count - 1 ? keyboard : null)));
        return messages;
    }

    private static string Prefix(ReplyStatus status) => status switch
    {
        ReplyStatus.Refused => "⛔ ",
        ReplyStatus.Error => "⚠️ ",
        _ => string.Empty,
    };
}

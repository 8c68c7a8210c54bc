using System.Text;
using StockBot.Core;
using StockBot.Core.Alerts;

namespace StockBot.Telegram;

/// <summary>
/// A digest as one Telegram message under 4096 characters: a line per alert with its Buy link, cut with "and K more"
/// when the next line would not fit; or, after Telegram refused that, the same as plain text with bare links.
/// </summary>
internal static class TelegramDigest
{
    /// <summary>Room kept under the limit for the "and K more" line.</summary>
    private const int Reserve = 40;

    public static string Render(Digest digest, string? mention)
    {
        var head = $"{digest.Emoji} {TelegramHtml.Bold(digest.Heading)}";
        var first = string.IsNullOrWhiteSpace(mention) ? head : $"{TelegramHtml.Escape(mention.Trim())} {head}";
        return Join(first, digest, alert =>
        {
            var line = $"{AlertText.Emoji(alert.Kind)} {TelegramHtml.Escape(TelegramHtml.Truncate(Digest.LineText(alert), 300))}";
            return Validate.IsHttpUrl(alert.BuyLink) ? $"{line} — <a href=\"{TelegramHtml.Escape(alert.BuyLink)}\">Buy</a>" : line;
        });
    }

    public static string RenderPlain(Digest digest) =>
        Join(digest.Title, digest, alert =>
        {
            var line = TelegramHtml.Truncate(Digest.Line(alert), 300);
            return Validate.IsHttpUrl(alert.BuyLink) ? $"{line}\nBuy: {alert.BuyLink}" : line;
        });

    private static string Join(string first, Digest digest, Func<Alert, string> line)
    {
        var text = new StringBuilder(first);
        for (var i = 0; i < digest.Alerts.Count; i++)
        {
            var next = line(digest.Alerts[i]);
            if (text.Length + 1 + next.Length > TelegramHtml.MaxMessageLength - Reserve)
            {
                text.Append('\n').Append(Digest.More(digest.Alerts.Count - i));
                break;
            }

            text.Append('\n').Append(next);
        }

        return text.ToString();
    }
}

using System.Globalization;
using System.Text.Json;

namespace StockBot.Testing.Telegram;

/// <summary>One request the fake Bot API received: the method, its parameters as JSON, and how it was answered.</summary>
public sealed class TelegramCall(string method, JsonElement body, int statusCode, byte[]? file, DateTimeOffset receivedAt, DateTimeOffset? clockAt = null)
{
    public string Method { get; } = method;

    /// <summary>The parameters: the JSON body, or the multipart form fields as strings.</summary>
    public JsonElement Body { get; } = body;

    /// <summary>200 when answered with ok, else the error code the fake answered with.</summary>
    public int StatusCode { get; } = statusCode;

    public bool Succeeded => StatusCode == 200;

    /// <summary>The uploaded file of a multipart request (sendPhoto), if any.</summary>
    public byte[]? File { get; } = file;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    /// <summary>When it arrived by the fake's <see cref="FakeTelegramBotApi.Clock"/> (what its rate limits see).</summary>
    public DateTimeOffset ClockAt { get; } = clockAt ?? receivedAt;

    public string? ChatId => Get("chat_id");

    public string? Text => Get("text");

    public string? Caption => Get("caption");

    /// <summary>A parameter as text (numbers and booleans as written), or null when absent.</summary>
    public string? Get(string name)
    {
        if (Body.ValueKind != JsonValueKind.Object || !Body.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => value.GetRawText(),
        };
    }

    public long? GetLong(string name) =>
        Get(name) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>reply_markup as JSON (a JSON string in multipart forms is parsed), or null.</summary>
    public JsonElement? ReplyMarkup
    {
        get
        {
            if (Body.ValueKind != JsonValueKind.Object || !Body.TryGetProperty("reply_markup", out var markup))
            {
                return null;
            }

            return markup.ValueKind == JsonValueKind.String ? JsonDocument.Parse(markup.GetString()!).RootElement.Clone() : markup;
        }
    }

    /// <summary>The (text, url) of every inline keyboard button.</summary>
    public IReadOnlyList<(string Text, string? Url)> Buttons
    {
        get
        {
            if (ReplyMarkup is not { } markup || !markup.TryGetProperty("inline_keyboard", out var rows))
            {
                return [];
            }

            return rows.EnumerateArray()
                .SelectMany(row => row.EnumerateArray())
                .Select(b => (b.GetProperty("text").GetString()!, b.TryGetProperty("url", out var url) ? url.GetString() : null))
                .ToList();
        }
    }

    public override string ToString() => $"{Method} [{StatusCode}] {Body.GetRawText()}";
}

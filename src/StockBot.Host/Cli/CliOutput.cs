using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StockBot.Host.Cli;

/// <summary>Writes a command's result: one JSON document with --json, else text a person reads.</summary>
public sealed class CliOutput(TextWriter writer, bool json, TimeProvider time)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcDateTimeJsonConverter() },
    };

    public bool Json { get; } = json;

    public TextWriter Writer { get; } = writer;

    public void WriteJson<T>(T value) => Writer.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public void Line(string text = "") => Writer.WriteLine(text);

    /// <summary>A result: the value as JSON with --json, else one line of text.</summary>
    public void Result<T>(T value, string text)
    {
        if (Json)
        {
            WriteJson(value);
            return;
        }

        Line(text);
    }

    /// <summary>One record: the value as a JSON object with --json, else a headline (if any) and "key: value" lines.</summary>
    public void Details<T>(T value, string? headline, Func<IEnumerable<(string Key, string? Value)>> pairs)
    {
        if (Json)
        {
            WriteJson(value);
            return;
        }

        if (headline is not null)
        {
            Line(headline);
        }

        KeyValues(pairs());
    }

    /// <summary>A listing: the rows as a JSON array with --json, else a table.</summary>
    public void Rows<T>(IReadOnlyList<T> rows, IReadOnlyList<string> headers, Func<T, IReadOnlyList<string>> cells, string emptyText)
    {
        if (Json)
        {
            WriteJson(rows);
            return;
        }

        Table(headers, rows.Select(cells), emptyText);
    }

    /// <summary>"2 minutes ago", or "never".</summary>
    public string Ago(DateTime? utc) => Core.Status.StatusText.Ago(utc, time.GetUtcNow().UtcDateTime);

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string emptyText)
    {
        var materialized = rows.ToList();
        if (materialized.Count == 0)
        {
            Line(emptyText);
            return;
        }

        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in materialized)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        Line(Format(headers, widths));
        Line(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in materialized)
        {
            Line(Format(row, widths));
        }
    }

    public void KeyValues(IEnumerable<(string Key, string? Value)> pairs)
    {
        var list = pairs.ToList();
        var width = list.Max(p => p.Key.Length);
        foreach (var (key, value) in list)
        {
            Line($"{(key + ":").PadRight(width + 2)}{value ?? "-"}");
        }
    }

    private static string Format(IReadOnlyList<string> cells, int[] widths)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                builder.Append("  ");
            }

            builder.Append(i == cells.Count - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }

        return builder.ToString();
    }

    /// <summary>Times as the contract prints them: UTC, milliseconds, a Z (the API writes them the same way).</summary>
    internal sealed class UtcDateTimeJsonConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTime().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
    }
}

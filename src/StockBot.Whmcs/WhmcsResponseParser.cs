using System.Text;
using System.Text.Json;

namespace StockBot.Whmcs;

internal enum WhmcsAnswerKind
{
    /// <summary>The body is not JSON at all.</summary>
    NotJson,

    /// <summary>JSON, but without WHMCS's <c>result</c> field.</summary>
    Unrecognised,
    Success,
    Error,
}

internal sealed record WhmcsAnswer(WhmcsAnswerKind Kind, IReadOnlyList<WhmcsProduct> Products, string? Message)
{
    public static readonly WhmcsAnswer NotJson = new(WhmcsAnswerKind.NotJson, [], null);
    public static readonly WhmcsAnswer Unrecognised = new(WhmcsAnswerKind.Unrecognised, [], null);
}

/// <summary>
/// Reads GetProducts answers. WHMCS builds them from PHP arrays, so every number may arrive as a
/// string and container shapes vary between versions; everything here is lenient on purpose.
/// </summary>
internal static class WhmcsResponseParser
{
    private static readonly byte[] ResultMarker = "{\"result\""u8.ToArray();

    public static WhmcsAnswer Parse(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        if (span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        return FastProductsReader.TryRead(body.Span, out var fast) ? fast : ParseDocument(body);
    }

    /// <summary>The lenient document path alone: the answer the fast reader must give whenever it accepts a body.</summary>
    internal static WhmcsAnswer ParseDocument(ReadOnlyMemory<byte> body)
    {
        if (TryParseDocument(body, out var document))
        {
            using (document)
            {
                return Read(document.RootElement);
            }
        }

        // PHP notices or a stray echo in a WHMCS hook often precede the JSON; the answer is still good.
        var start = body.Span.IndexOf(ResultMarker);
        if (start > 0 && TryParseDocument(body[start..], out document))
        {
            using (document)
            {
                return Read(document.RootElement);
            }
        }

        return WhmcsAnswer.NotJson;
    }

    private static bool TryParseDocument(ReadOnlyMemory<byte> body, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            document = null!;
            return false;
        }
    }

    private static WhmcsAnswer Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out var result))
        {
            return WhmcsAnswer.Unrecognised;
        }

        var resultText = result.ValueKind == JsonValueKind.String ? result.GetString() : result.GetRawText();
        if (string.Equals(resultText, "success", StringComparison.OrdinalIgnoreCase))
        {
            return new WhmcsAnswer(WhmcsAnswerKind.Success, WhmcsProductList.OnePerPid(ReadProducts(root)), null);
        }

        var message = root.TryGetProperty("message", out var m) ? AsText(m) : null;
        return new WhmcsAnswer(WhmcsAnswerKind.Error, [], message);
    }

    private static List<WhmcsProduct> ReadProducts(JsonElement root)
    {
        var list = new List<WhmcsProduct>();
        // Absent when nothing matched; "" or [] is what PHP's json_encode makes of an empty array.
        if (!root.TryGetProperty("products", out var products))
        {
            return list;
        }

        switch (products.ValueKind)
        {
            case JsonValueKind.Object when products.TryGetProperty("product", out var product):
                AddProducts(product, list);
                break;
            case JsonValueKind.Array:
                AddProducts(products, list);
                break;
        }

        return list;
    }

    private static void AddProducts(JsonElement element, List<WhmcsProduct> list)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (TryReadProduct(item, out var product))
                {
                    list.Add(product);
                }
            }
        }
        else if (TryReadProduct(element, out var single))
        {
            // A lone product object instead of a one-element list: seen from XML-to-JSON proxies.
            list.Add(single);
        }
    }

    /// <summary>The first currency of <c>pricing</c> (the first property whose value is an object): its string and number fields.</summary>
    private static Dictionary<string, string>? FirstCurrency(JsonElement pricing)
    {
        if (pricing.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var currency in pricing.EnumerateObject())
        {
            if (currency.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in currency.Value.EnumerateObject())
            {
                if (field.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    fields[field.Name] = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText();
                }
            }

            return fields;
        }

        return null;
    }

    private static bool TryReadProduct(JsonElement item, out WhmcsProduct product)
    {
        product = null!;
        if (item.ValueKind != JsonValueKind.Object || !TryGetInt(item, "pid", out var pid))
        {
            // Without a pid the product cannot be matched to a monitor, so it is of no use.
            return false;
        }

        var gid = TryGetInt(item, "gid", out var g) ? g : 0;
        var name = item.TryGetProperty("name", out var n) ? AsText(n) ?? string.Empty : string.Empty;
        var type = item.TryGetProperty("type", out var t) ? AsText(t) : null;
        var url = item.TryGetProperty("product_url", out var u) || item.TryGetProperty("product-url", out u) ? AsText(u) : null;
        if (string.IsNullOrWhiteSpace(url))
        {
            url = null;
        }

        // Stock control is only on when WHMCS says so; a stray quantity without it means nothing.
        var stockControl = item.TryGetProperty("stockcontrol", out var sc) && IsTrue(sc);
        int? quantity = null;
        string? problem = null;
        var count = 0;
        if (stockControl)
        {
            var field = item.TryGetProperty("stocklevel", out var level) ? "stocklevel"
                : item.TryGetProperty("quantity_available", out level) ? "quantity_available"
                : null;
            problem = field is null
                ? WhmcsScalars.ReadStockLevel(pid, "stocklevel", ScalarKind.Absent, null, out _)
                : WhmcsScalars.ReadStockLevel(pid, field, KindOf(level), level.ValueKind == JsonValueKind.String ? level.GetString() : level.GetRawText(), out count);
            quantity = problem is null ? count : null;
        }

        var paytype = item.TryGetProperty("paytype", out var pt) ? AsText(pt) : null;
        product = new WhmcsProduct(pid, gid, name, type, stockControl, quantity, url)
        {
            StockProblem = problem,
            Price = WhmcsPricing.Choose(paytype, item.TryGetProperty("pricing", out var pricing) ? FirstCurrency(pricing) : null),
        };
        return true;
    }

    private static ScalarKind KindOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => ScalarKind.Number,
        JsonValueKind.String => ScalarKind.String,
        JsonValueKind.Null => ScalarKind.Null,
        _ => ScalarKind.Other,
    };

    internal static bool TryGetInt(JsonElement item, string property, out int value)
    {
        value = 0;
        return item.TryGetProperty(property, out var element) && TryGetInt(element, out value);
    }

    internal static bool TryGetInt(JsonElement element, out int value)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                if (element.TryGetInt32(out value))
                {
                    return true;
                }

                // "5.0" style decimals: WHMCS stores quantities as int, so truncation loses nothing real.
                if (element.TryGetDouble(out var d) && d is >= int.MinValue and <= int.MaxValue)
                {
                    value = (int)d;
                    return true;
                }

                break;
            case JsonValueKind.String:
                if (WhmcsScalars.TryParseInt(element.GetString().AsSpan(), out value))
                {
                    return true;
                }

                break;
        }

        value = 0;
        return false;
    }

    internal static bool IsTrue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => element.TryGetDouble(out var d) && d != 0,
        JsonValueKind.String => WhmcsScalars.IsTrue(element.GetString()),
        _ => false,
    };

    private static string? AsText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };

    /// <summary>The page title of an HTML body, for telling the user what came back instead of JSON.</summary>
    internal static string? HtmlTitle(ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 8192)]);
        var open = head.IndexOf("<title", StringComparison.OrdinalIgnoreCase);
        if (open < 0)
        {
            return null;
        }

        var start = head.IndexOf('>', open);
        var end = start < 0 ? -1 : head.IndexOf("</title", start, StringComparison.OrdinalIgnoreCase);
        if (end < 0)
        {
            return null;
        }

        var title = System.Net.WebUtility.HtmlDecode(head[(start + 1)..end]).Trim();
        return title.Length == 0 ? null : title;
    }
}

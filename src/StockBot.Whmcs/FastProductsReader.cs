using System.Text.Json;

namespace StockBot.Whmcs;

/// <summary>
/// The common case of <see cref="WhmcsResponseParser"/> in one forward pass: a well-formed success answer
/// shaped <c>{"result":"success",...,"products":{"product":[{...}]}}</c>. Only the fields we use are read;
/// everything else (pricing tables, descriptions, custom fields) is skipped without building a document.
/// Anything unusual (another result, another container shape, a repeated key, an object where a value
/// belongs, invalid JSON) returns false, and the lenient <see cref="JsonDocument"/> path decides, so
/// both paths give the same answer for every body.
/// </summary>
internal static class FastProductsReader
{
    public static bool TryRead(ReadOnlySpan<byte> body, out WhmcsAnswer answer)
    {
        answer = null!;
        try
        {
            return TryReadCore(body, out answer);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> body, out WhmcsAnswer answer)
    {
        answer = null!;
        var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var sawResult = false;
        var success = false;
        List<WhmcsProduct>? products = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("result"u8))
            {
                if (sawResult || !reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                sawResult = true;
                success = string.Equals(reader.GetString(), "success", StringComparison.OrdinalIgnoreCase);
            }
            else if (reader.ValueTextEquals("products"u8))
            {
                if (products is not null || !reader.Read() || !TryReadContainer(ref reader, out products))
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // The root object must end here, with nothing but whitespace after it.
        if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0 || reader.Read())
        {
            return false;
        }

        if (!sawResult || !success)
        {
            return false;
        }

        answer = new WhmcsAnswer(WhmcsAnswerKind.Success, products is null ? [] : WhmcsProductList.OnePerPid(products), null);
        return true;
    }

    /// <summary><c>{"product":[...]}</c> only; other shapes go to the document path.</summary>
    private static bool TryReadContainer(ref Utf8JsonReader reader, out List<WhmcsProduct> products)
    {
        products = [];
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var sawProduct = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("product"u8))
            {
                if (sawProduct || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                sawProduct = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        // Not a product object: skipped, as the document path does.
                        reader.Skip();
                        continue;
                    }

                    if (!TryReadProduct(ref reader, out var product))
                    {
                        return false;
                    }

                    if (product is not null)
                    {
                        products.Add(product);
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // "products" without "product" is an empty answer in the document path too, but leave rare shapes to it.
        return sawProduct && reader.TokenType == JsonTokenType.EndObject;
    }

    private struct Scalar
    {
        public bool Present;
        public JsonTokenType Kind;
        public string? Text;
        public int Int;
        public bool IntOk;
        public double Double;
        public bool DoubleOk;
    }

    /// <summary>False: leave the whole answer to the document path. True with null: an item without a usable pid.</summary>
    private static bool TryReadProduct(ref Utf8JsonReader reader, out WhmcsProduct? product)
    {
        product = null;
        Scalar pid = default, gid = default, name = default, type = default, url = default, oldUrl = default, stockControl = default, level = default, available = default, paytype = default;
        Dictionary<string, string>? currency = null;
        var sawPricing = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool ok;
            if (reader.ValueTextEquals("pid"u8))
            {
                ok = ReadScalar(ref reader, ref pid);
            }
            else if (reader.ValueTextEquals("gid"u8))
            {
                ok = ReadScalar(ref reader, ref gid);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                ok = ReadScalar(ref reader, ref name, text: true);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                ok = ReadScalar(ref reader, ref type, text: true);
            }
            else if (reader.ValueTextEquals("product_url"u8))
            {
                ok = ReadScalar(ref reader, ref url, text: true);
            }
            else if (reader.ValueTextEquals("product-url"u8))
            {
                ok = ReadScalar(ref reader, ref oldUrl, text: true);
            }
            else if (reader.ValueTextEquals("stockcontrol"u8))
            {
                ok = ReadScalar(ref reader, ref stockControl);
            }
            else if (reader.ValueTextEquals("stocklevel"u8))
            {
                ok = ReadScalar(ref reader, ref level, text: true);
            }
            else if (reader.ValueTextEquals("quantity_available"u8))
            {
                ok = ReadScalar(ref reader, ref available, text: true);
            }
            else if (reader.ValueTextEquals("paytype"u8))
            {
                ok = ReadScalar(ref reader, ref paytype, text: true);
            }
            else if (reader.ValueTextEquals("pricing"u8))
            {
                // A repeated "pricing" is left to the document path.
                ok = !sawPricing && ReadPricing(ref reader, out currency);
                sawPricing = true;
            }
            else
            {
                reader.Read();
                reader.Skip();
                ok = true;
            }

            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        if (!TryGetInt(pid, out var pidValue))
        {
            return true;
        }

        var gidValue = TryGetInt(gid, out var g) ? g : 0;
        var nameText = name.Present ? AsText(name) ?? string.Empty : string.Empty;
        var typeText = type.Present ? AsText(type) : null;
        var urlText = url.Present ? AsText(url) : oldUrl.Present ? AsText(oldUrl) : null;
        if (string.IsNullOrWhiteSpace(urlText))
        {
            urlText = null;
        }

        var stock = stockControl.Present && IsTrue(stockControl);
        int? quantity = null;
        string? problem = null;
        if (stock)
        {
            var (field, value) = level.Present ? ("stocklevel", level) : ("quantity_available", available);
            problem = WhmcsScalars.ReadStockLevel(pidValue, field, KindOf(value), AsText(value), out var count);
            quantity = problem is null ? count : null;
        }

        product = new WhmcsProduct(pidValue, gidValue, nameText, typeText, stock, quantity, urlText)
        {
            StockProblem = problem,
            Price = WhmcsPricing.Choose(paytype.Present ? AsText(paytype) : null, currency),
        };
        return true;
    }

    /// <summary>The first currency of <c>pricing</c> as <see cref="WhmcsResponseParser"/> reads it: the first object-valued property, its string and number fields.</summary>
    private static bool ReadPricing(ref Utf8JsonReader reader, out Dictionary<string, string>? currency)
    {
        currency = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return true;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject || currency is not null)
            {
                reader.Skip();
                continue;
            }

            currency = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.GetString()!;
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        currency[field] = reader.GetString()!;
                        break;
                    case JsonTokenType.Number:
                        currency[field] = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static ScalarKind KindOf(Scalar scalar) => !scalar.Present ? ScalarKind.Absent : scalar.Kind switch
    {
        JsonTokenType.Number => ScalarKind.Number,
        JsonTokenType.String => ScalarKind.String,
        JsonTokenType.Null => ScalarKind.Null,
        _ => ScalarKind.Other,
    };

    /// <summary>Reads one value: strings, numbers, booleans and null; a repeated key or a container returns false.</summary>
    private static bool ReadScalar(ref Utf8JsonReader reader, ref Scalar scalar, bool text = false)
    {
        if (scalar.Present || !reader.Read())
        {
            return false;
        }

        scalar.Present = true;
        scalar.Kind = reader.TokenType;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                scalar.Text = reader.GetString();
                return true;
            case JsonTokenType.Number:
                scalar.IntOk = reader.TryGetInt32(out scalar.Int);
                scalar.DoubleOk = reader.TryGetDouble(out scalar.Double);
                // The document path gives the raw text for a number used as a name, type or URL.
                scalar.Text = text ? System.Text.Encoding.UTF8.GetString(reader.ValueSpan) : null;
                return true;
            case JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                return true;
            default:
                return false;
        }
    }

    // The same rules as WhmcsResponseParser.TryGetInt / IsTrue / AsText, on the captured value.
    private static bool TryGetInt(Scalar scalar, out int value)
    {
        value = 0;
        if (!scalar.Present)
        {
            return false;
        }

        switch (scalar.Kind)
        {
            case JsonTokenType.Number:
                if (scalar.IntOk)
                {
                    value = scalar.Int;
                    return true;
                }

                if (scalar.DoubleOk && scalar.Double is >= int.MinValue and <= int.MaxValue)
                {
                    value = (int)scalar.Double;
                    return true;
                }

                break;
            case JsonTokenType.String:
                if (WhmcsScalars.TryParseInt(scalar.Text.AsSpan(), out value))
                {
                    return true;
                }

                break;
        }

        value = 0;
        return false;
    }

    private static bool IsTrue(Scalar scalar) => scalar.Kind switch
    {
        JsonTokenType.True => true,
        JsonTokenType.Number => scalar.DoubleOk && scalar.Double != 0,
        JsonTokenType.String => WhmcsScalars.IsTrue(scalar.Text),
        _ => false,
    };

    private static string? AsText(Scalar scalar) => scalar.Kind switch
    {
        JsonTokenType.String => scalar.Text,
        JsonTokenType.Null => null,
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => scalar.Text,
    };
}

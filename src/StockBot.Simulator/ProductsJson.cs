using System.Buffers;
using System.Text.Json;

namespace StockBot.Simulator;

/// <summary>Writes GetProducts answers in WHMCS's documented shape straight into the response pipe.</summary>
internal static class ProductsJson
{
    // WHMCS returns the full pricing table per product; it is the same for every simulated product.
    private static readonly byte[] Pricing =
        """{"USD":{"prefix":"$","suffix":" USD","msetupfee":"0.00","qsetupfee":"0.00","ssetupfee":"0.00","asetupfee":"0.00","bsetupfee":"0.00","tsetupfee":"0.00","monthly":"5.00","quarterly":"15.00","semiannually":"30.00","annually":"60.00","biennially":"-1.00","triennially":"-1.00"}}"""u8.ToArray();

    private static readonly byte[] EmptyCustomFields = """{"customfield":[]}"""u8.ToArray();
    private static readonly byte[] EmptyConfigOptions = """{"configoption":[]}"""u8.ToArray();

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    // A writer per thread: writing is synchronous, so one never crosses an await while in use.
    [ThreadStatic]
    private static Utf8JsonWriter? threadWriter;

    public static void Write(IBufferWriter<byte> output, SimulatedProduct[] products, int[]? pids, StockFieldStyle style)
    {
        var writer = threadWriter;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(output, WriterOptions);
            threadWriter = writer;
        }
        else
        {
            writer.Reset(output);
        }

        var total = 0;
        foreach (var product in products)
        {
            if (Wanted(product, pids))
            {
                total++;
            }
        }

        writer.WriteStartObject();
        writer.WriteString("result"u8, "success"u8);
        writer.WriteNumber("totalresults"u8, total);
        // Like WHMCS, no "products" key at all when nothing matched.
        if (total > 0)
        {
            writer.WriteStartObject("products"u8);
            writer.WriteStartArray("product"u8);
            foreach (var product in products)
            {
                if (Wanted(product, pids))
                {
                    WriteProduct(writer, product, style);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.Flush();
        // Drop the reference to this response's pipe until the thread's next answer.
        writer.Reset(NullBufferWriter.Instance);
    }

    private static bool Wanted(SimulatedProduct product, int[]? pids) =>
        pids is null || Array.IndexOf(pids, product.Pid) >= 0;

    private static void WriteProduct(Utf8JsonWriter writer, SimulatedProduct product, StockFieldStyle style)
    {
        writer.WriteStartObject();
        if (style == StockFieldStyle.NumericString)
        {
            writer.WriteString("pid"u8, product.PidText);
            writer.WriteString("gid"u8, product.GidText);
        }
        else
        {
            writer.WriteNumber("pid"u8, product.Pid);
            writer.WriteNumber("gid"u8, product.Gid);
        }

        writer.WriteString("type"u8, "hostingaccount"u8);
        writer.WriteString("name"u8, product.Name);
        writer.WriteString("slug"u8, product.Slug);
        writer.WriteString("product_url"u8, product.ProductUrl);
        writer.WriteString("description"u8, product.Description);
        writer.WriteString("module"u8, "cpanel"u8);
        writer.WriteString("paytype"u8, "recurring"u8);
        writer.WriteString("allowqty"u8, "0"u8);
        var stock = product.Stock;
        if (product.RawStockLevel is { } raw)
        {
            writer.WriteString("stockcontrol"u8, "true"u8);
            writer.WritePropertyName("stocklevel"u8);
            writer.WriteRawValue(raw, skipInputValidation: true);
        }
        else if (stock is { } level)
        {
            writer.WriteString("stockcontrol"u8, "true"u8);
            switch (style)
            {
                case StockFieldStyle.NumericString:
                    writer.WritePropertyName("stocklevel"u8);
                    WriteNumberAsString(writer, level);
                    break;
                case StockFieldStyle.QuantityAvailable:
                    writer.WriteNumber("quantity_available"u8, level);
                    break;
                default:
                    writer.WriteNumber("stocklevel"u8, level);
                    break;
            }
        }

        writer.WritePropertyName("pricing"u8);
        writer.WriteRawValue(Pricing, skipInputValidation: true);
        writer.WritePropertyName("customfields"u8);
        writer.WriteRawValue(EmptyCustomFields, skipInputValidation: true);
        writer.WritePropertyName("configoptions"u8);
        writer.WriteRawValue(EmptyConfigOptions, skipInputValidation: true);
        writer.WriteEndObject();
    }

    private static void WriteNumberAsString(Utf8JsonWriter writer, int value)
    {
        Span<byte> digits = stackalloc byte[11];
        System.Buffers.Text.Utf8Formatter.TryFormat(value, digits, out var written);
        writer.WriteStringValue(digits[..written]);
    }

    private sealed class NullBufferWriter : IBufferWriter<byte>
    {
        public static readonly NullBufferWriter Instance = new();

        public void Advance(int count)
        {
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Memory<byte>.Empty;

        public Span<byte> GetSpan(int sizeHint = 0) => Span<byte>.Empty;
    }
}

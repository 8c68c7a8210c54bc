using System.Globalization;
using System.Text;

namespace StockBot.Whmcs.Tests;

/// <summary>
/// The fast GetProducts reader is only allowed to exist because it gives the document reader's answer: on a seeded
/// corpus of generated answers, whenever it accepts a body, its result must be the document path's, field by field.
/// </summary>
public sealed class FastReaderAgreementTests
{
    private const int Documents = 600;

    [Fact]
    public void TryRead_SeededCorpus_AgreesWithTheDocumentReader()
    {
        var random = new Random(20261201);
        var accepted = 0;
        for (var i = 0; i < Documents; i++)
        {
            var json = new AnswerWriter(random).Answer();
            var body = Encoding.UTF8.GetBytes(json);
            var document = WhmcsResponseParser.ParseDocument(body);

            if (FastProductsReader.TryRead(body, out var fast))
            {
                accepted++;
                AssertSame(document, fast, json);
            }

            AssertSame(document, WhmcsResponseParser.Parse(body), json);
        }

        // The corpus must exercise the fast path, not only the shapes it hands over.
        Assert.InRange(accepted, Documents / 4, Documents);
    }

    private static void AssertSame(WhmcsAnswer expected, WhmcsAnswer actual, string json)
    {
        Assert.True(
            expected.Kind == actual.Kind && expected.Message == actual.Message && expected.Products.SequenceEqual(actual.Products),
            $"Readers disagree on:\n{json}\ndocument: {Describe(expected)}\nfast:     {Describe(actual)}");
    }

    private static string Describe(WhmcsAnswer answer) =>
        $"{answer.Kind} {answer.Message} [{string.Join("; ", answer.Products)}]";

    /// <summary>Writes one GetProducts answer in the many ways WHMCS installations spell one.</summary>
    private sealed class AnswerWriter(Random random)
    {
        private readonly StringBuilder json = new();

        public string Answer()
        {
            Open('{');
            var fields = new List<Action>();
            var roll = random.NextDouble();
            fields.Add(() => Field("result", () => String(roll < 0.85 ? "success" : roll < 0.9 ? "Success" : "error")));
            if (roll >= 0.9 || random.NextDouble() < 0.1)
            {
                fields.Add(() => Field("message", () => String(Pick("Authentication Failed", "Invalid IP 10.0.0.1", "Ünïcødé fehler"))));
            }

            fields.Add(() => Field("totalresults", () => Number(random.Next(0, 30))));
            if (random.NextDouble() < 0.7)
            {
                fields.Add(() => Field("products", Products));
            }

            if (random.NextDouble() < 0.3)
            {
                fields.Add(() => Field("extra", Pricing));
            }

            Shuffle(fields, keepFirst: random.NextDouble() < 0.8);
            Members(fields);
            Close('}');
            return json.ToString();
        }

        private void Products()
        {
            var shape = random.Next(6);
            switch (shape)
            {
                case 0 or 1 or 2:
                    Open('{');
                    Members([() => Field("product", ProductList)]);
                    Close('}');
                    break;
                case 3:
                    Open('{');
                    Members([() => Field("product", Product)]);
                    Close('}');
                    break;
                case 4:
                    ProductList();
                    break;
                default:
                    Raw(Pick("\"\"", "[]", "{}", "null"));
                    break;
            }
        }

        private void ProductList()
        {
            Open('[');
            var count = random.Next(0, 6);
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    Comma();
                }

                if (random.NextDouble() < 0.05)
                {
                    Raw(Pick("null", "7", "\"text\"", "[]"));
                }
                else
                {
                    Product();
                }
            }

            Close(']');
        }

        private void Product()
        {
            Open('{');
            var fields = new List<Action>();
            if (random.NextDouble() < 0.95)
            {
                fields.Add(() => Field("pid", () => Flexible(random.Next(1, 5000))));
            }

            fields.Add(() => Field("gid", () => Flexible(random.Next(0, 40))));
            fields.Add(() => Field("type", () => String(Pick("hostingaccount", "server", "other"))));
            fields.Add(() => Field("name", Name));
            fields.Add(() => Field("description", () => String("<p>Fast & \"cheap\"</p>\n<br/>")));
            fields.Add(() => Field("module", () => String("cpanel")));
            fields.Add(() => Field("paytype", () => String(Pick("recurring", "recurring", "free", "onetime"))));
            if (random.NextDouble() < 0.8)
            {
                fields.Add(() => Field("stockcontrol", () => Raw(Pick("true", "false", "\"on\"", "\"off\"", "\"\"", "1", "0", "\"1\"", "\"0\"", "\"yes\"", "null", "0.0"))));
            }

            if (random.NextDouble() < 0.7)
            {
                fields.Add(() => Field("stocklevel", () => Flexible(random.Next(-3, 500))));
            }

            if (random.NextDouble() < 0.3)
            {
                fields.Add(() => Field("quantity_available", () => Flexible(random.Next(0, 500))));
            }

            var url = random.Next(4);
            if (url < 3)
            {
                fields.Add(() => Field(url == 0 ? "product-url" : "product_url", () => String(url == 2 ? " " : $"https://example.com/store/p{random.Next(100)}")));
            }

            fields.Add(() => Field("pricing", Pricing));
            if (random.NextDouble() < 0.3)
            {
                fields.Add(() => Field("customfields", () => Raw("{\"customfield\":[{\"id\":1,\"name\":\"OS\",\"options\":[\"a\",\"b\"]}]}")));
            }

            if (random.NextDouble() < 0.3)
            {
                fields.Add(() => Field("configoptions", () => Raw("{\"configoption\":[]}")));
            }

            if (random.NextDouble() < 0.02)
            {
                // A repeated key: the fast reader must hand this to the document path rather than guess.
                fields.Add(() => Field("pid", () => Flexible(random.Next(1, 5000))));
            }

            Shuffle(fields, keepFirst: false);
            Members(fields);
            Close('}');
        }

        private void Name()
        {
            if (random.NextDouble() < 0.05)
            {
                Raw(Pick("null", "123", "true", "4.50"));
                return;
            }

            String(Pick("VPS Small 2GB", "Dédié Ryzen 7950X", "東京 VPS", "VPS \"Pro\" \\ Edition", "Storage 1TB 🚀", "Tab\tand\nnewline", "", "  padded  "));
        }

        private void Pricing()
        {
            if (random.NextDouble() < 0.05)
            {
                Raw("[]");
                return;
            }

            Open('{');
            var currencies = new List<Action>();
            if (random.NextDouble() < 0.2)
            {
                currencies.Add(() => Field("note", () => String("not a currency")));
            }

            currencies.Add(() => Field("USD", () => Currency("$", " USD")));
            if (random.NextDouble() < 0.3)
            {
                currencies.Add(() => Field("EUR", () => Currency("€", " EUR")));
            }

            Members(currencies);
            Close('}');
        }

        /// <summary>One currency's table: enabled and disabled (-1.00) cycles, as strings or numbers, in any order.</summary>
        private void Currency(string prefix, string suffix)
        {
            Open('{');
            var fields = new List<Action>
            {
                () => Field("prefix", () => String(prefix)),
                () => Field("suffix", () => String(suffix)),
                () => Field("nested", () => Raw("{\"deep\":[1,[2,{\"pid\":3}]]}")),
            };
            foreach (var cycle in new[] { "monthly", "quarterly", "semiannually", "annually", "biennially", "triennially" })
            {
                if (random.NextDouble() < 0.7)
                {
                    var amount = random.NextDouble() < 0.3 ? "-1.00" : (random.Next(100, 20000) / 100m).ToString("0.00", CultureInfo.InvariantCulture);
                    fields.Add(() => Field(cycle, () => { if (random.NextDouble() < 0.2) { Raw(amount); } else { String(amount); } }));
                }
            }

            Shuffle(fields, keepFirst: false);
            Members(fields);
            Close('}');
        }

        /// <summary>An integer as WHMCS may send it: a number, a numeric string, a decimal, padded, or out of range.</summary>
        private void Flexible(int value)
        {
            switch (random.Next(9))
            {
                case 0 or 1 or 2:
                    Number(value);
                    break;
                case 3 or 4:
                    String(value.ToString(CultureInfo.InvariantCulture));
                    break;
                case 5:
                    Raw(value.ToString(CultureInfo.InvariantCulture) + ".0");
                    break;
                case 6:
                    Raw(Pick($"{value}.75", $"{value}e0", "1e12", "-0.0", "99999999999"));
                    break;
                case 7:
                    String(Pick($" {value} ", $"{value}.0", "abc", "", "1e3"));
                    break;
                default:
                    Raw(Pick("null", "true", "false"));
                    break;
            }
        }

        private void Members(IReadOnlyList<Action> fields)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                if (i > 0)
                {
                    Comma();
                }

                fields[i]();
            }
        }

        private void Field(string name, Action value)
        {
            String(name);
            Space();
            json.Append(':');
            Space();
            value();
        }

        private void String(string value)
        {
            json.Append('"');
            var escapeNonAscii = random.NextDouble() < 0.5;
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"' or '\\' or '\n' or '\t':
                        json.Append('\\').Append(c switch { '\n' => 'n', '\t' => 't', _ => c });
                        break;
                    case '/' when random.NextDouble() < 0.5:
                        // PHP's json_encode escapes slashes; others do not.
                        json.Append("\\/");
                        break;
                    case > '\u007f' when escapeNonAscii:
                        // As PHP writes it: every UTF-16 unit escaped, so a surrogate pair stays a pair.
                        json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                        break;
                    default:
                        json.Append(c);
                        break;
                }
            }

            json.Append('"');
        }

        private void Number(int value) => json.Append(value.ToString(CultureInfo.InvariantCulture));

        private void Raw(string text) => json.Append(text);

        private void Open(char c) => Punctuation(c);

        private void Close(char c) => Punctuation(c);

        private void Comma() => Punctuation(',');

        private void Punctuation(char c)
        {
            Space();
            json.Append(c);
            Space();
        }

        private void Space()
        {
            if (random.NextDouble() < 0.25)
            {
                json.Append(Pick(" ", "\n", "\t", "\r\n", "    ", "\n  "));
            }
        }

        private string Pick(params string[] choices) => choices[random.Next(choices.Length)];

        private void Shuffle(List<Action> fields, bool keepFirst)
        {
            for (var i = fields.Count - 1; i > (keepFirst ? 1 : 0); i--)
            {
                var j = random.Next(keepFirst ? 1 : 0, i + 1);
                (fields[i], fields[j]) = (fields[j], fields[i]);
            }
        }
    }
}

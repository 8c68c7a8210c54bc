using System.Text;

namespace StockBot.Whmcs.Tests;

/// <summary>A stock level that is not a count is a failed read of that product, never a quantity; both readers agree.</summary>
public sealed class StockValueTests
{
    private static string Answer(params string[] products) =>
        $$$"""{"result":"success","products":{"product":[{{{string.Join(",", products)}}}]}}""";

    private static string Product(int pid, string stockLevelJson, string stockControl = "1") =>
        $$"""{"pid":{{pid}},"gid":1,"name":"P{{pid}}","stockcontrol":{{stockControl}},"stocklevel":{{stockLevelJson}}}""";

    /// <summary>The answer as Parse reads it, after checking the document path alone reads it the same.</summary>
    private static IReadOnlyList<WhmcsProduct> Read(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var parsed = WhmcsResponseParser.Parse(body);
        var document = WhmcsResponseParser.ParseDocument(body);
        Assert.Equal(WhmcsAnswerKind.Success, parsed.Kind);
        Assert.Equal(document.Products, parsed.Products);
        return parsed.Products;
    }

    [Theory]
    [InlineData("1e12", "WHMCS gave stocklevel 1e12 for pid 7: more than 2147483647")]
    [InlineData("\"abc\"", "WHMCS gave stocklevel \"abc\" for pid 7: not a whole number")]
    [InlineData("null", "WHMCS gave stocklevel null for pid 7: not a whole number")]
    [InlineData("-3", "WHMCS gave stocklevel -3 for pid 7: negative, not a count")]
    [InlineData("\"-3\"", "WHMCS gave stocklevel \"-3\" for pid 7: negative, not a count")]
    [InlineData("2.5", "WHMCS gave stocklevel 2.5 for pid 7: not a whole number")]
    [InlineData("\"2.5\"", "WHMCS gave stocklevel \"2.5\" for pid 7: not a whole number")]
    [InlineData("99999999999", "WHMCS gave stocklevel 99999999999 for pid 7: more than 2147483647")]
    [InlineData("\"2147483648\"", "WHMCS gave stocklevel \"2147483648\" for pid 7: more than 2147483647")]
    [InlineData("1e400", "WHMCS gave stocklevel 1e400 for pid 7: not a whole number")]
    [InlineData("\"\"", "WHMCS gave stocklevel \"\" for pid 7: not a whole number")]
    [InlineData("true", "WHMCS gave stocklevel true for pid 7: not a whole number")]
    [InlineData("[3]", "WHMCS gave stocklevel [3] for pid 7: not a whole number")]
    public void Parse_StockLevelNotACount_StockUnknownWithAMessageNamingTheValue(string value, string message)
    {
        var product = Assert.Single(Read(Answer(Product(7, value))));

        Assert.Equal(message, product.StockProblem);
        Assert.Null(product.Quantity);
        Assert.Null(product.KnownAvailable);
        Assert.False(product.Available);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("\"12\"", 12)]
    [InlineData("\" 12 \"", 12)]
    [InlineData("12.0", 12)]
    [InlineData("\"12.00\"", 12)]
    [InlineData("-0.0", 0)]
    [InlineData("2147483647", int.MaxValue)]
    public void Parse_StockLevelAWholeNumberInRange_ReadAsTheQuantity(string value, int quantity)
    {
        var product = Assert.Single(Read(Answer(Product(7, value))));

        Assert.Null(product.StockProblem);
        Assert.Equal(quantity, product.Quantity);
    }

    [Fact]
    public void Parse_StockControlOnWithoutAStockLevel_StockUnknown()
    {
        var product = Assert.Single(Read("""{"result":"success","products":{"product":[{"pid":7,"name":"A","stockcontrol":"on"}]}}"""));

        Assert.Equal("WHMCS gave no stocklevel for pid 7 although stock control is on", product.StockProblem);
        Assert.Null(product.Quantity);
    }

    [Fact]
    public void Parse_BadStockLevelWithStockControlOff_ReadsAsAvailable()
    {
        var product = Assert.Single(Read(Answer(Product(7, "\"abc\"", stockControl: "0"))));

        Assert.Null(product.StockProblem);
        Assert.True(product.KnownAvailable);
    }

    [Fact]
    public void Parse_BadStockLevelOfOneProduct_OtherProductsReadNormally()
    {
        var products = Read(Answer(Product(7, "\"abc\""), Product(8, "5")));

        Assert.NotNull(products[0].StockProblem);
        Assert.Equal(new WhmcsProduct(8, 1, "P8", null, true, 5, null), products[1]);
    }

    [Fact]
    public void Parse_TwoAgreeingEntriesForOnePid_ReadAsOne()
    {
        var products = Read(Answer(Product(7, "4"), Product(8, "1"), Product(7, "\"4\"")));

        Assert.Equal([7, 8], products.Select(p => p.Pid));
        Assert.Equal(4, products[0].Quantity);
        Assert.Null(products[0].StockProblem);
    }

    [Fact]
    public void Parse_TwoDisagreeingEntriesForOnePid_FailedReadOfThatProductOnly()
    {
        var products = Read(Answer(Product(7, "4"), Product(8, "1"), Product(7, "0")));

        Assert.Equal([7, 8], products.Select(p => p.Pid));
        Assert.Equal("WHMCS listed pid 7 2 times with different stock (4, 0)", products[0].StockProblem);
        Assert.Null(products[0].Quantity);
        Assert.Equal(1, products[1].Quantity);
        Assert.Null(products[1].StockProblem);
    }

    [Fact]
    public void Parse_LongHostileStockLevel_QuotedShortWithoutControlCharacters()
    {
        var product = Assert.Single(Read(Answer(Product(7, "\"" + new string('x', 100) + "\\n\\u0007\""))));

        Assert.Equal($"WHMCS gave stocklevel \"{new string('x', 40)}...\" for pid 7: not a whole number", product.StockProblem);
    }
}

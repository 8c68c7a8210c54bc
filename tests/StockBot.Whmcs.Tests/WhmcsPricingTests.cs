namespace StockBot.Whmcs.Tests;

public sealed class WhmcsPricingTests
{
    [Theory]
    [InlineData("recurring", """{"USD":{"prefix":"$","suffix":" USD","monthly":"-1.00","quarterly":"12.00","annually":"40.00"}}""", "$", 12.00, "quarterly")]
    [InlineData("recurring", """{"note":"x","EUR":{"prefix":"€","suffix":" EUR","monthly":5,"annually":"50.00"},"USD":{"monthly":"1.00"}}""", "€", 5.00, "monthly")]
    [InlineData("onetime", """{"USD":{"prefix":"$","monthly":"99.00","annually":"-1.00"}}""", "$", 99.00, "onetime")]
    [InlineData("free", """[]""", "", 0, "free")]
    public void Parse_Pricing_CheapestEnabledCycleOfTheFirstCurrency_OnBothPaths(string paytype, string pricing, string prefix, double amount, string cycle)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(
            """{"result":"success","products":{"product":[{"pid":1,"name":"A","paytype":""" + "\"" + paytype + "\",\"pricing\":" + pricing + "}]}}");

        var document = Assert.Single(WhmcsResponseParser.ParseDocument(body).Products).Price;
        Assert.True(FastProductsReader.TryRead(body, out var fast));

        Assert.Equal((prefix, (decimal)amount, cycle), (document!.Prefix, document.Amount, document.Cycle));
        Assert.Equal(document, Assert.Single(fast.Products).Price);
    }

    [Fact]
    public void Parse_PricingAllDisabled_HasNoPrice()
    {
        var body = System.Text.Encoding.UTF8.GetBytes("""{"result":"success","products":{"product":[{"pid":1,"pricing":{"USD":{"monthly":"-1.00"}}}]}}""");

        Assert.Null(Assert.Single(WhmcsResponseParser.ParseDocument(body).Products).Price);
    }
}

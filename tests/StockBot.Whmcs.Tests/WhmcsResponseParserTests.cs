using System.Text;

namespace StockBot.Whmcs.Tests;

public sealed class WhmcsResponseParserTests
{
    private static WhmcsAnswer Parse(string json) => WhmcsResponseParser.Parse(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"result":"success","totalresults":0}""")]
    [InlineData("""{"result":"success","totalresults":0,"products":""}""")]
    [InlineData("""{"result":"success","totalresults":0,"products":[]}""")]
    [InlineData("""{"result":"success","totalresults":0,"products":{"product":[]}}""")]
    [InlineData("""{"result":"success","totalresults":0,"products":null}""")]
    public void Parse_NoProducts_SuccessWithEmptyList(string json)
    {
        var answer = Parse(json);

        Assert.Equal(WhmcsAnswerKind.Success, answer.Kind);
        Assert.Empty(answer.Products);
    }

    [Fact]
    public void Parse_NumbersAsStringsAndOldUrlKey_ReadsProduct()
    {
        var answer = Parse("""
            {"result":"success","totalresults":"1","products":{"product":[
              {"pid":"7","gid":"2","type":"server","name":"VPS","product-url":"https://x.test/store/vps","stockcontrol":"true","stocklevel":"12"}]}}
            """);

        Assert.Equal(new WhmcsProduct(7, 2, "VPS", "server", true, 12, "https://x.test/store/vps"), Assert.Single(answer.Products));
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("\"1\"")]
    public void Parse_StockControlSpellings_StockControlOn(string value)
    {
        var answer = Parse($$$"""{"result":"success","products":{"product":[{"pid":1,"gid":1,"name":"A","stockcontrol":{{{value}}},"stocklevel":4}]}}""");

        var product = Assert.Single(answer.Products);
        Assert.True(product.StockControl);
        Assert.Equal(4, product.Quantity);
    }

    [Fact]
    public void Parse_QuantityAvailable_ReadAsQuantity()
    {
        var answer = Parse("""{"result":"success","products":{"product":[{"pid":1,"gid":1,"name":"A","stockcontrol":"true","quantity_available":"0"}]}}""");

        var product = Assert.Single(answer.Products);
        Assert.Equal(0, product.Quantity);
        Assert.False(product.Available);
    }

    [Fact]
    public void Parse_StockKeysAbsent_StockControlOffQuantityNull()
    {
        var answer = Parse("""{"result":"success","products":{"product":[{"pid":1,"gid":1,"name":"A","stocklevel":"3"}]}}""");

        var product = Assert.Single(answer.Products);
        Assert.False(product.StockControl);
        Assert.Null(product.Quantity);
        Assert.True(product.Available);
    }

    [Fact]
    public void Parse_SingleProductObjectAndProductWithoutPid_ReadsTheUsableOne()
    {
        var single = Parse("""{"result":"success","products":{"product":{"pid":5,"gid":1,"name":"Solo"}}}""");
        var withoutPid = Parse("""{"result":"success","products":{"product":[{"gid":1,"name":"Broken"},{"pid":6,"name":"Fine"}]}}""");

        Assert.Equal(5, Assert.Single(single.Products).Pid);
        Assert.Equal(6, Assert.Single(withoutPid.Products).Pid);
    }

    [Fact]
    public void Parse_PhpNoticeBeforeJson_StillReadsAnswer()
    {
        var answer = Parse("""<br /><b>Notice</b>: Undefined index in hooks.php<br />{"result":"success","products":{"product":[{"pid":"1","name":"A"}]}}""");

        Assert.Equal(WhmcsAnswerKind.Success, answer.Kind);
        Assert.Single(answer.Products);
    }

    [Fact]
    public void Parse_ErrorResult_CarriesMessage()
    {
        var answer = Parse("""{"result":"error","message":"Invalid IP 10.0.0.9"}""");

        Assert.Equal(WhmcsAnswerKind.Error, answer.Kind);
        Assert.Equal("Invalid IP 10.0.0.9", answer.Message);
    }

    [Theory]
    [InlineData("<html><head><title>Login</title></head></html>", nameof(WhmcsAnswerKind.NotJson))]
    [InlineData("", nameof(WhmcsAnswerKind.NotJson))]
    [InlineData("""{"status":"ok"}""", nameof(WhmcsAnswerKind.Unrecognised))]
    public void Parse_NotWhmcsJson_Classified(string body, string kind) => Assert.Equal(kind, Parse(body).Kind.ToString());

    [Theory]
    [InlineData("Invalid IP 1.2.3.4", WhmcsFailureKind.Authentication, "WHMCS refused the request: Invalid IP 1.2.3.4. Add this server's address to WHMCS's API IP allow-list (Setup > General Settings > Security) or set an API access key.")]
    [InlineData("Invalid Access Key", WhmcsFailureKind.Authentication, "access key")]
    [InlineData("IP Banned", WhmcsFailureKind.Authentication, "banned")]
    [InlineData("Authentication Failed", WhmcsFailureKind.Authentication, "identifier and secret")]
    [InlineData("Invalid or missing credentials", WhmcsFailureKind.Authentication, "identifier and secret")]
    [InlineData("Invalid Permissions: API action \"getproducts\" is not allowed", WhmcsFailureKind.Permission, "API role")]
    [InlineData("Something else", WhmcsFailureKind.Authentication, "HTTP 403")]
    public void FromWhmcsError_Forbidden_ClassifiedWithAdvice(string message, WhmcsFailureKind kind, string advice)
    {
        var failure = WhmcsFailures.FromWhmcsError(message, 403);

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(403, failure.HttpStatus);
        Assert.Contains(advice, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromWhmcsError_AuthenticationMessageWithStatus200_StillAuthentication()
    {
        // WHMCS before 7.x answered authentication errors with HTTP 200.
        var failure = WhmcsFailures.FromWhmcsError("Authentication Failed", 200);

        Assert.Equal(WhmcsFailureKind.Authentication, failure.Kind);
    }

    [Fact]
    public void FromWhmcsError_MessageEchoingSecret_SecretReplacedOnOneLine()
    {
        var credentials = new WhmcsCredentials(new Uri("https://x.test"), "id", "TOPSECRET", "KEY123");

        var failure = WhmcsFailures.FromWhmcsError("Bad secret TOPSECRET with key KEY123\nsecond line", 200, credentials);

        Assert.Equal("WHMCS answered with an error: Bad secret *** with key *** second line.", failure.Message);
    }

    [Fact]
    public void FromWhmcsError_SecretIsAnEnglishWord_AdviceLeftIntact()
    {
        var credentials = new WhmcsCredentials(new Uri("https://x.test"), "id", "secret");

        var failure = WhmcsFailures.FromWhmcsError("Authentication Failed", 403, credentials);

        Assert.Contains("identifier and secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Credentials_HidesSecretAndAccessKey()
    {
        var text = new WhmcsCredentials(new Uri("https://x.test"), "id", "TOPSECRET", "KEY123").ToString();

        Assert.DoesNotContain("TOPSECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY123", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://billing.example.com", "https://billing.example.com/includes/api.php")]
    [InlineData("https://example.com/whmcs/", "https://example.com/whmcs/includes/api.php")]
    [InlineData("https://example.com/whmcs/includes/api.php", "https://example.com/whmcs/includes/api.php")]
    [InlineData("https://example.com/whmcs?x=1#top", "https://example.com/whmcs/includes/api.php")]
    public void TryGetEndpoint_WebsiteUrl_ApiEndpoint(string website, string expected)
    {
        Assert.True(WhmcsClient.TryGetEndpoint(new Uri(website), out var endpoint));
        Assert.Equal(expected, endpoint.ToString());
    }
}

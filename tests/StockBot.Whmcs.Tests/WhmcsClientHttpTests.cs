using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace StockBot.Whmcs.Tests;

/// <summary>Answers the simulator does not give: redirects, bare 403 and 429 pages, and the exact form sent.</summary>
public sealed class WhmcsClientHttpTests
{
    private static readonly WhmcsCredentials Credentials = new(new Uri("https://billing.example.test/"), "ident", "secret-value", "access-key");

    private static (WhmcsClient Client, StubHandler Handler) Create(Func<HttpRequestMessage, HttpResponseMessage> respond, int retries = 0)
    {
        var handler = new StubHandler(respond);
        var options = Options.Create(new WhmcsClientOptions { TransientRetries = retries, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        return (new WhmcsClient(new HttpClient(handler), options, NullLogger<WhmcsClient>.Instance), handler);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    [Fact]
    public async Task GetProductsAsync_PidsAndAccessKey_PostsOneDocumentedForm()
    {
        var (client, handler) = Create(_ => Answer(HttpStatusCode.OK, """{"result":"success","totalresults":0}"""));

        await client.GetProductsAsync(Credentials, [3, 1, 2, 3], CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://billing.example.test/includes/api.php", sent.Uri);
        Assert.Equal("action=GetProducts&identifier=ident&secret=secret-value&responsetype=json&accesskey=access-key&pid=1%2C2%2C3", sent.Body);
    }

    [Fact]
    public async Task GetProductsAsync_RedirectToHttps_TellsWhichUrlToUse()
    {
        var (client, _) = Create(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.MovedPermanently);
            response.Headers.Location = new Uri("https://www.billing.example.test/includes/api.php");
            return response;
        });

        var result = await client.GetProductsAsync(Credentials, [1], CancellationToken.None);

        Assert.Equal(WhmcsFailureKind.HttpStatus, result.Failure!.Kind);
        Assert.Equal(301, result.Failure.HttpStatus);
        Assert.Contains("https://www.billing.example.test as the website URL", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProductsAsync_Forbidden403Html_HttpStatusNamingFirewallNotRetried()
    {
        var (client, handler) = Create(_ => Answer(HttpStatusCode.Forbidden, "<html><title>403 Forbidden</title></html>", "text/html"), retries: 2);

        var result = await client.GetProductsAsync(Credentials, [1], CancellationToken.None);

        Assert.Equal(WhmcsFailureKind.HttpStatus, result.Failure!.Kind);
        Assert.Contains("firewall", result.Failure.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetProductsAsync_TooManyRequestsThenSuccess_Retried()
    {
        var calls = 0;
        var (client, handler) = Create(_ => ++calls == 1
            ? Answer((HttpStatusCode)429, "slow down", "text/plain")
            : Answer(HttpStatusCode.OK, """{"result":"success","products":{"product":[{"pid":1,"gid":1,"name":"A"}]}}"""), retries: 2);

        var result = await client.GetProductsAsync(Credentials, [1], CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetProductsAsync_LoginPage_NotJsonWithPageTitle()
    {
        var (client, _) = Create(_ => Answer(HttpStatusCode.OK, "<!DOCTYPE html><html><head><title>Client Area - Login</title></head></html>", "text/html"));

        var result = await client.GetProductsAsync(Credentials, [1], CancellationToken.None);

        Assert.Equal(WhmcsFailureKind.NotJson, result.Failure!.Kind);
        Assert.Contains("\"Client Area - Login\"", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProductsAsync_NotHttpUrl_FailureWithoutRequest()
    {
        var (client, handler) = Create(_ => throw new InvalidOperationException("must not send"));

        var result = await client.GetProductsAsync(Credentials with { WebsiteUrl = new Uri("ftp://example.test") }, [1], CancellationToken.None);

        Assert.Equal(WhmcsFailureKind.Connection, result.Failure!.Kind);
        Assert.Empty(handler.Requests);
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<(HttpMethod Method, string Uri, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method, request.RequestUri!.ToString(), body));
            var response = respond(request);
            response.RequestMessage = request;
            return response;
        }
    }
}

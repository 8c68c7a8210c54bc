using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using StockBot.Testing;

namespace StockBot.Host.Tests.Api;

/// <summary>
/// The real service host with its web listener on a free 127.0.0.1 port, a live token, a revoked one, and a client
/// that sends the live one. Tests share it (one host start) and make rows of their own names and ids.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    /// <summary>The setting the web listener is on; the one place to switch it (Health:Urls, later Web:Urls).</summary>
    public const string WebUrlsKey = "Web:Urls";

    public StockBotHostHarness Harness { get; } = new("stockbot-api-");

    public string Token { get; private set; } = string.Empty;

    public string RevokedToken { get; private set; } = string.Empty;

    public HttpClient Client { get; private set; } = new();

    /// <summary>What `token create` printed, whole (to check the token shows once and no more).</summary>
    public string CreateOutput { get; private set; } = string.Empty;

    private int counter;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Harness.Settings[WebUrlsKey] = $"http://127.0.0.1:{port}";
        await Harness.StartAsync();
        var created = await Harness.Cli.RunAsync("token", "create", "--name", "ci");
        Assert.Equal(0, created.ExitCode);
        CreateOutput = created.Out;
        Token = created.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        RevokedToken = (await Harness.Cli.RunAsync("token", "create", "--name", "old")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.Equal(0, (await Harness.Cli.RunAsync("token", "revoke", "2")).ExitCode);
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Harness.DisposeAsync();
    }

    /// <summary>A name no other test uses ("Site 7").</summary>
    public string Unique(string prefix) => $"{prefix} {Interlocked.Increment(ref counter).ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>A number no other test uses (product ids).</summary>
    public int UniqueNumber() => 1000 + Interlocked.Increment(ref counter);

    public async Task<ApiAnswer> SendAsync(string method, string path, string? json = null, string? token = null, bool noToken = false)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (noToken)
        {
            request.Headers.Authorization = null;
            using var bare = new HttpClient { BaseAddress = Client.BaseAddress };
            return await ApiAnswer.ReadAsync(await bare.SendAsync(request));
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await ApiAnswer.ReadAsync(await Client.SendAsync(request));
    }

    /// <summary>A website made through the API; its id.</summary>
    public async Task<int> AddWebsiteAsync(string? name = null)
    {
        var answer = await SendAsync("POST", "/api/v1/websites", $$"""{"name":"{{name ?? Unique("Site")}}","url":"https://billing.example.com","mode":"storefront"}""");
        Assert.True(answer.Status == HttpStatusCode.Created, $"{answer.Status}: {answer.Body} {Failures()}");
        return answer.Json.GetProperty("id").GetInt32();
    }

    /// <summary>The host's logged exceptions, for a failure message.</summary>
    public string Failures() => string.Join('\n', Harness.Logs.GetSnapshot().Where(r => r.Exception is not null).Select(r => r.Exception!.ToString()));

    /// <summary>A monitor made through the API (not verified against the website); its id.</summary>
    public async Task<int> AddMonitorAsync(int websiteId, int? product = null)
    {
        var answer = await SendAsync("POST", "/api/v1/monitors", $$"""{"website_id":{{websiteId}},"product":{{product ?? UniqueNumber()}},"verify":false}""");
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        return answer.Json.GetProperty("id").GetInt32();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One HTTP answer, read whole.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Error => Json.GetProperty("error").GetString();

    public string? Field => Json.TryGetProperty("field", out var named) ? named.GetString() : null;

    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return new ApiAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "management api";
}

using System.Net;

namespace StockBot.Host.Tests.Api;

/// <summary>The management API end to end: the real host, a real token, JSON in, DB row and JSON out.</summary>
[Collection(ApiCollection.Name)]
public sealed class ManagementApiTests(ApiFixture api)
{
    /// <summary>Every management endpoint, with a body it would accept (ids 1 exist or not: auth comes first).</summary>
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/v1/websites" },
        { "GET", "/api/v1/websites/1" },
        { "POST", "/api/v1/websites" },
        { "PATCH", "/api/v1/websites/1" },
        { "DELETE", "/api/v1/websites/1" },
        { "POST", "/api/v1/websites/1/pause" },
        { "POST", "/api/v1/websites/1/resume" },
        { "GET", "/api/v1/monitors" },
        { "GET", "/api/v1/monitors/1" },
        { "POST", "/api/v1/monitors" },
        { "PATCH", "/api/v1/monitors/1" },
        { "DELETE", "/api/v1/monitors/1" },
        { "POST", "/api/v1/monitors/1/pause" },
        { "POST", "/api/v1/monitors/1/resume" },
        { "GET", "/api/v1/subscriptions" },
        { "POST", "/api/v1/subscriptions" },
        { "PATCH", "/api/v1/subscriptions/1" },
        { "DELETE", "/api/v1/subscriptions/1" },
    };

    /// <summary>The endpoints that name a row by id.</summary>
    public static TheoryData<string, string, string?> UnknownIds => new()
    {
        { "GET", "/api/v1/websites/9999", null },
        { "PATCH", "/api/v1/websites/9999", """{"region":"EU"}""" },
        { "DELETE", "/api/v1/websites/9999", null },
        { "POST", "/api/v1/websites/9999/pause", """{"until":"2h"}""" },
        { "POST", "/api/v1/websites/9999/resume", null },
        { "GET", "/api/v1/monitors/9999", null },
        { "GET", "/api/v1/monitors?website_id=9999", null },
        { "PATCH", "/api/v1/monitors/9999", """{"low":1}""" },
        { "DELETE", "/api/v1/monitors/9999", null },
        { "POST", "/api/v1/monitors/9999/pause", null },
        { "POST", "/api/v1/monitors/9999/resume", null },
        { "PATCH", "/api/v1/subscriptions/9999", """{"digest_after":3}""" },
        { "DELETE", "/api/v1/subscriptions/9999", null },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_NoWrongOrRevokedToken_Is401WithBearerChallenge(string method, string path)
    {
        var answers = new[]
        {
            await api.SendAsync(method, path, "{}", noToken: true),
            await api.SendAsync(method, path, "{}", token: "sbt_not-a-real-token"),
            await api.SendAsync(method, path, "{}", token: api.RevokedToken),
        };

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
            Assert.Equal("Bearer", Assert.Single(answer.Headers.WwwAuthenticate).Scheme);
            Assert.False(string.IsNullOrEmpty(answer.Error));
        }
    }

    [Theory]
    [MemberData(nameof(UnknownIds))]
    public async Task Endpoint_UnknownId_Is404(string method, string path, string? body)
    {
        var answer = await api.SendAsync(method, path, body);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Contains("9999", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostWebsite_Valid_Is201WithLocationAndTheCliView()
    {
        var name = api.Unique("Created");
        var answer = await api.SendAsync("POST", "/api/v1/websites", $$"""{"name":"{{name}}","url":"https://billing.example.com","api_identifier":"ID","api_secret":"s3cret-value-xyz","region":"EU"}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var id = answer.Json.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/websites/{id}", answer.Headers.Location?.OriginalString);
        Assert.Equal(name, answer.Json.GetProperty("name").GetString());
        Assert.Equal("https://billing.example.com", answer.Json.GetProperty("website_url").GetString());
        var shown = await api.Harness.Cli.RunAsync("website", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.Equal(shown.Json.GetProperty("api_secret").GetString(), answer.Json.GetProperty("api_secret").GetString());
        Assert.Equal(1, api.Harness.Database.Count($"websites WHERE name = '{name}'"));
    }

    [Fact]
    public async Task WebsiteEndpoints_HappyPaths_ListShowPatchPauseResumeDelete()
    {
        var id = await api.AddWebsiteAsync();
        var path = $"/api/v1/websites/{id}";

        Assert.Contains((await api.SendAsync("GET", "/api/v1/websites")).Json.EnumerateArray(), w => w.GetProperty("id").GetInt32() == id);
        Assert.Equal(id, (await api.SendAsync("GET", path)).Json.GetProperty("id").GetInt32());
        var patched = await api.SendAsync("PATCH", path, """{"region":"US-East"}""");
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal("US-East", patched.Json.GetProperty("region").GetString());
        Assert.Equal("US-East", api.Harness.Database.Scalar($"SELECT region FROM websites WHERE id = {id}"));
        var paused = await api.SendAsync("POST", $"{path}/pause", """{"until":"2h"}""");
        Assert.Equal(HttpStatusCode.OK, paused.Status);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, paused.Json.GetProperty("paused_until").ValueKind);
        var resumed = await api.SendAsync("POST", $"{path}/resume");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, resumed.Json.GetProperty("paused_until").ValueKind);
        var removed = await api.SendAsync("DELETE", path);
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Equal(id, removed.Json.GetProperty("id").GetInt32());
        Assert.Equal(0, api.Harness.Database.Count($"websites WHERE id = {id}"));
    }

    [Theory]
    [InlineData("""{"url":"https://a.example.com"}""", "name")]
    [InlineData("""{"name":"X1","url":"ftp://a.example.com","mode":"storefront"}""", "url")]
    [InlineData("""{"name":"X2","website_url":"ftp://a.example.com","mode":"storefront"}""", "website_url")]
    [InlineData("""{"name":"X3","url":"https://a.example.com","mode":"fast"}""", "mode")]
    [InlineData("""{"name":"X4","url":"https://a.example.com","colour":"red"}""", "colour")]
    [InlineData("""{"name":5,"url":"https://a.example.com"}""", "name")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""{"name":""", "body")]
    public async Task PostWebsite_BadInput_Is400NamingTheField(string body, string field)
    {
        var answer = await api.SendAsync("POST", "/api/v1/websites", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(field, answer.Field);
        Assert.StartsWith(field, answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostWebsite_BadUrl_SameErrorTextAsTheCli()
    {
        var answer = await api.SendAsync("POST", "/api/v1/websites", """{"name":"Same Text","url":"ftp://a.example.com","mode":"storefront"}""");
        var cli = await api.Harness.Cli.RunAsync("website", "add", "--name", "Same Text", "--url", "ftp://a.example.com", "--mode", "storefront");

        Assert.Equal(2, cli.ExitCode);
        Assert.Equal($"error: --{answer.Error}", cli.Error.Trim());
    }

    [Fact]
    public async Task WebsiteWrites_Duplicates_Are409()
    {
        var name = api.Unique("Twin");
        await api.AddWebsiteAsync(name);
        var other = await api.AddWebsiteAsync();

        var posted = await api.SendAsync("POST", "/api/v1/websites", $$"""{"name":"{{name}}","url":"https://b.example.com","mode":"storefront"}""");
        var renamed = await api.SendAsync("PATCH", $"/api/v1/websites/{other}", $$"""{"name":"{{name}}"}""");

        Assert.Equal(HttpStatusCode.Conflict, posted.Status);
        Assert.Equal("name", posted.Field);
        Assert.Null(posted.Headers.Location);
        Assert.Equal(HttpStatusCode.Conflict, renamed.Status);
    }

    [Theory]
    [InlineData("{}", "body")]
    [InlineData("""{"until":"soon"}""", "until")]
    public async Task WebsitePatchAndPause_BadInput_Is400(string body, string field)
    {
        var id = await api.AddWebsiteAsync();

        var answer = await api.SendAsync(field == "body" ? "PATCH" : "POST", field == "body" ? $"/api/v1/websites/{id}" : $"/api/v1/websites/{id}/pause", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(field, answer.Field);
    }

    [Fact]
    public async Task DeleteWebsite_WithMonitors_Is400UntilForced()
    {
        var id = await api.AddWebsiteAsync();
        await api.AddMonitorAsync(id);

        var refused = await api.SendAsync("DELETE", $"/api/v1/websites/{id}");
        var forced = await api.SendAsync("DELETE", $"/api/v1/websites/{id}?force=true");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("force", refused.Field);
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.Equal(1, forced.Json.GetProperty("monitors_removed").GetInt32());
    }

    [Fact]
    public async Task PostMonitor_WithToken_AppearsInMonitorList()
    {
        var website = await api.AddWebsiteAsync();
        var product = api.UniqueNumber();

        var answer = await api.SendAsync("POST", "/api/v1/monitors", $$"""{"website_id":{{website}},"product":{{product}},"threshold_low":2,"high":9,"name":"API Box","verify":false}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var id = answer.Json.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/monitors/{id}", answer.Headers.Location?.OriginalString);
        Assert.Equal(2, answer.Json.GetProperty("threshold_low").GetInt32());
        var list = await api.Harness.Cli.RunAsync("monitor", "list", "--json");
        Assert.Contains(list.Json.EnumerateArray(), m => m.GetProperty("id").GetInt32() == id && m.GetProperty("product_id").GetInt32() == product && m.GetProperty("product_name").GetString() == "API Box");
        var text = await api.Harness.Cli.RunAsync("monitor", "list");
        Assert.Contains("API Box", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitorEndpoints_HappyPaths_ListShowPatchPauseResumeDelete()
    {
        var website = await api.AddWebsiteAsync();
        var id = await api.AddMonitorAsync(website);
        var path = $"/api/v1/monitors/{id}";

        var listed = await api.SendAsync("GET", $"/api/v1/monitors?website_id={website}");
        Assert.Equal(id, Assert.Single(listed.Json.EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Equal(id, (await api.SendAsync("GET", path)).Json.GetProperty("id").GetInt32());
        var patched = await api.SendAsync("PATCH", path, """{"threshold_low":3,"restock":false}""");
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(3, patched.Json.GetProperty("threshold_low").GetInt32());
        Assert.False(patched.Json.GetProperty("notify_on_restock").GetBoolean());
        var cleared = await api.SendAsync("PATCH", path, """{"low":null}""");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.Json.GetProperty("threshold_low").ValueKind);
        Assert.False((await api.SendAsync("POST", $"{path}/pause")).Json.GetProperty("is_active").GetBoolean());
        Assert.True((await api.SendAsync("POST", $"{path}/resume")).Json.GetProperty("is_active").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync("DELETE", path)).Status);
        Assert.Equal(0, api.Harness.Database.Count($"monitor_configs WHERE id = {id}"));
    }

    [Theory]
    [InlineData("""{"website_id":WEBSITE,"product":7,"threshold_low":-1,"verify":false}""", "threshold_low")]
    [InlineData("""{"website_id":WEBSITE,"product":7,"low":9,"high":3,"verify":false}""", "low")]
    [InlineData("""{"website_id":WEBSITE,"product":"7"}""", "product")]
    [InlineData("""{"website_id":WEBSITE,"product":7,"verify":"no"}""", "verify")]
    [InlineData("""{"website_id":WEBSITE}""", "product")]
    [InlineData("""{"website_id":WEBSITE,"product":7,"bogus":1}""", "bogus")]
    [InlineData("""{"website_id":9999,"product":7,"verify":false}""", "website_id")]
    [InlineData("""{"website_id":WEBSITE,"product":7,"cooldown":"forever","verify":false}""", "cooldown")]
    public async Task PostMonitor_BadInput_Is400NamingTheField(string body, string field)
    {
        var website = await api.AddWebsiteAsync();

        var answer = await api.SendAsync("POST", "/api/v1/monitors", body.Replace("WEBSITE", website.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(field, answer.Field);
        Assert.StartsWith(field, answer.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "body")]
    [InlineData("""{"high":-2}""", "high")]
    [InlineData("""{"product":3}""", "product")]
    public async Task PatchMonitor_BadInput_Is400(string body, string field)
    {
        var id = await api.AddMonitorAsync(await api.AddWebsiteAsync());

        var answer = await api.SendAsync("PATCH", $"/api/v1/monitors/{id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(field, answer.Field);
    }

    [Fact]
    public async Task MonitorReads_BadQuery_Is400()
    {
        var answer = await api.SendAsync("GET", "/api/v1/monitors?website_id=abc");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("website_id", answer.Field);
    }

    [Fact]
    public async Task PostMonitor_SameProductTwice_Is409()
    {
        var website = await api.AddWebsiteAsync();
        var product = api.UniqueNumber();
        await api.AddMonitorAsync(website, product);

        var answer = await api.SendAsync("POST", "/api/v1/monitors", $$"""{"website_id":{{website}},"product":{{product}},"verify":false}""");

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Equal("product", answer.Field);
    }

    [Fact]
    public async Task SubscriptionEndpoints_HappyPaths_PostListPatchDelete()
    {
        var monitor = await api.AddMonitorAsync(await api.AddWebsiteAsync());
        var channel = api.Unique("chan").Replace(' ', '-');

        var created = await api.SendAsync("POST", "/api/v1/subscriptions", $$"""{"platform":"console","channel":"{{channel}}","monitor":{{monitor}},"events":"restock,soldout"}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Json.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/subscriptions/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("api:ci", created.Json.GetProperty("created_by").GetString());
        Assert.Contains((await api.SendAsync("GET", "/api/v1/subscriptions")).Json.EnumerateArray(), s => s.GetProperty("id").GetInt32() == id);
        var patched = await api.SendAsync("PATCH", $"/api/v1/subscriptions/{id}", """{"digest_after":3,"quiet":"22:00-07:00"}""");
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(3, patched.Json.GetProperty("digest_after").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync("DELETE", $"/api/v1/subscriptions/{id}")).Status);
        Assert.Equal(0, api.Harness.Database.Count($"subscriptions WHERE id = {id}"));
    }

    [Theory]
    [InlineData("""{"channel":"c1"}""", "platform")]
    [InlineData("""{"platform":"irc","channel":"c1"}""", "platform")]
    [InlineData("""{"platform":"console","channel":"c1","events":"restock,party"}""", "events")]
    [InlineData("""{"platform":"console","channel":"c1","monitor":9999}""", "monitor")]
    [InlineData("""{"platform":"console","channel":"c1","chat":"c2"}""", "chat")]
    public async Task PostSubscription_BadInput_Is400NamingTheField(string body, string field)
    {
        var answer = await api.SendAsync("POST", "/api/v1/subscriptions", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(field, answer.Field);
    }

    [Fact]
    public async Task PatchSubscription_BadInput_Is400()
    {
        var created = await api.SendAsync("POST", "/api/v1/subscriptions", $$"""{"platform":"console","channel":"{{api.Unique("q").Replace(' ', '-')}}"}""");

        var answer = await api.SendAsync("PATCH", $"/api/v1/subscriptions/{created.Json.GetProperty("id").GetInt32()}", """{"digest_after":0}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("digest_after", answer.Field);
    }

    [Fact]
    public async Task PostSubscription_SameScopeTwice_Is409()
    {
        var body = $$"""{"platform":"console","channel":"{{api.Unique("dup").Replace(' ', '-')}}"}""";
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync("POST", "/api/v1/subscriptions", body)).Status);

        var answer = await api.SendAsync("POST", "/api/v1/subscriptions", body);

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Equal("channel", answer.Field);
    }

    [Fact]
    public async Task Responses_WithSecretsInPlay_NeverCarryThem()
    {
        const string Secret = "api-secret-Hygiene-77q";
        const string AccessKey = "access-key-Hygiene-91z";
        const string WebhookToken = "webhookTokenHygiene-abcdefghijklmnopqrstuvwxyz0123456789";
        var created = await api.SendAsync("POST", "/api/v1/websites", $$"""{"name":"{{api.Unique("Secretive")}}","url":"https://billing.example.com","api_identifier":"ID","api_secret":"{{Secret}}","access_key":"{{AccessKey}}"}""");
        var id = created.Json.GetProperty("id").GetInt32();
        var bodies = new List<string>
        {
            created.Body,
            (await api.SendAsync("GET", "/api/v1/websites")).Body,
            (await api.SendAsync("GET", $"/api/v1/websites/{id}")).Body,
            (await api.SendAsync("PATCH", $"/api/v1/websites/{id}", $$"""{"api_secret":"{{Secret}}-2"}""")).Body,
            (await api.SendAsync("POST", "/api/v1/subscriptions", $$"""{"platform":"discord","webhook":"https://discord.com/api/webhooks/123456789012345678/{{WebhookToken}}"}""")).Body,
            (await api.SendAsync("GET", "/api/v1/subscriptions")).Body,
        };

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.True(created.Json.GetProperty("has_access_key").GetBoolean());
        Assert.Contains(bodies, b => b.Contains("webhooks/123456789012345678", StringComparison.Ordinal));
        foreach (var body in bodies)
        {
            Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(AccessKey, body, StringComparison.Ordinal);
            Assert.DoesNotContain(WebhookToken, body, StringComparison.Ordinal);
        }
    }
}

using System.Net;
using System.Text;

namespace StockBot.Host.Tests.Api;

/// <summary>Tokens (shown once, stored hashed, revoked for good) and the OpenAPI document.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiTokenTests(ApiFixture api)
{
    [Fact]
    public async Task TokenCreate_PrintsTokenOnce_DatabaseHoldsOnlyItsHash()
    {
        Assert.StartsWith("sbt_", api.Token, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(api.CreateOutput, api.Token));
        var list = await api.Harness.Cli.RunAsync("token", "list", "--json");
        Assert.DoesNotContain(api.Token, list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", list.Out, StringComparison.Ordinal);
        Assert.Equal(StockBot.Core.ApiTokens.ApiTokenService.Hash(api.Token), api.Harness.Database.Scalar("SELECT token_hash FROM api_tokens WHERE name = 'ci'"));
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(api.Harness.DatabasePath)!, "stockbot.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.DoesNotContain(api.Token, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.DoesNotContain(api.Token[4..], Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TokenCreate_DuplicateName_OneLineExit2()
    {
        var again = await api.Harness.Cli.RunAsync("token", "create", "--name", "ci");

        Assert.Equal(2, again.ExitCode);
        Assert.Equal("error: --name: a token named 'ci' already exists; names must be unique", again.Error.Trim());
        Assert.Equal(string.Empty, again.Out);
    }

    [Fact]
    public async Task TokenRevoke_UnknownId_Exit2NamingIt()
    {
        var revoked = await api.Harness.Cli.RunAsync("token", "revoke", "999");

        Assert.Equal(2, revoked.ExitCode);
        Assert.Equal("error: id: no token with id 999", revoked.Error.Trim());
    }

    [Fact]
    public async Task TokenList_AfterUse_ShowsLastUsedAndRevoked()
    {
        await api.SendAsync("GET", "/api/v1/websites");

        var list = await api.Harness.Cli.RunAsync("token", "list", "--json");

        var rows = list.Json.EnumerateArray().ToList();
        var live = rows.Single(r => r.GetProperty("name").GetString() == "ci");
        var old = rows.Single(r => r.GetProperty("name").GetString() == "old");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, live.GetProperty("last_used_at").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, live.GetProperty("revoked_at").ValueKind);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, old.GetProperty("revoked_at").ValueKind);
    }

    [Fact]
    public async Task OpenApi_WithoutToken_ListsEveryPathBodiesAndBearerScheme()
    {
        var answer = await api.SendAsync("GET", "/openapi/v1.json", noToken: true);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var paths = answer.Json.GetProperty("paths");
        var expected = new Dictionary<string, string[]>
        {
            ["/api/v1/websites"] = ["get", "post"],
            ["/api/v1/websites/{id}"] = ["get", "patch", "delete"],
            ["/api/v1/websites/{id}/pause"] = ["post"],
            ["/api/v1/websites/{id}/resume"] = ["post"],
            ["/api/v1/monitors"] = ["get", "post"],
            ["/api/v1/monitors/{id}"] = ["get", "patch", "delete"],
            ["/api/v1/monitors/{id}/pause"] = ["post"],
            ["/api/v1/monitors/{id}/resume"] = ["post"],
            ["/api/v1/subscriptions"] = ["get", "post"],
            ["/api/v1/subscriptions/{id}"] = ["patch", "delete"],
        };
        foreach (var (path, methods) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing");
            foreach (var method in methods)
            {
                var operation = item.GetProperty(method);
                Assert.True(operation.TryGetProperty("security", out _), $"{method} {path} has no security");
                Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} has no 401");
            }
        }

        Assert.Equal("bearer", answer.Json.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var monitorBody = paths.GetProperty("/api/v1/monitors").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal("integer", monitorBody.GetProperty("properties").GetProperty("product").GetProperty("type").GetString());
        Assert.Contains(monitorBody.GetProperty("required").EnumerateArray(), r => r.GetString() == "product");
        Assert.Contains("website_url", answer.Body, StringComparison.Ordinal);
        Assert.Contains("threshold_low", answer.Body, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task<byte[]> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }
}

using System.Text.Json;

namespace StockBot.Testing.Discord;

/// <summary>One multipart part: payload_json or files[n].</summary>
public sealed record FakeMultipartPart(string Name, string? FileName, string? ContentType, byte[] Data);

/// <summary>A REST request the fake received, as it arrived.</summary>
public sealed record FakeDiscordRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string Body,
    IReadOnlyList<FakeMultipartPart> Parts,
    DateTimeOffset ReceivedAt)
{
    public bool IsMultipart => Parts.Count > 0;

    /// <summary>The JSON payload: the body, or the payload_json part of a multipart request.</summary>
    public string JsonText => IsMultipart
        ? System.Text.Encoding.UTF8.GetString(Parts.First(p => p.Name == "payload_json").Data)
        : Body;

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(JsonText);
            return document.RootElement.Clone();
        }
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>A scripted answer.</summary>
public sealed record FakeDiscordResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null)
{
    public static FakeDiscordResponse Json(string body, IReadOnlyDictionary<string, string>? headers = null) => new(200, body, headers);

    /// <summary>A route-bucket answer: 200 with X-RateLimit-* headers.</summary>
    public static FakeDiscordResponse WithBucket(string body, int limit, int remaining, double resetAfter, string bucket = "fake-bucket") =>
        new(200, body, BucketHeaders(limit, remaining, resetAfter, bucket));

    /// <summary>A 429 of one route: body retry_after, scope user.</summary>
    public static FakeDiscordResponse RateLimited(double retryAfter, string bucket = "fake-bucket") =>
        new(429, $$"""{"message":"You are being rate limited.","retry_after":{{retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"global":false}""",
            new Dictionary<string, string>(BucketHeaders(1, 0, retryAfter, bucket)) { ["X-RateLimit-Scope"] = "user", ["Retry-After"] = Math.Ceiling(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>A global 429: every route must wait.</summary>
    public static FakeDiscordResponse GlobalRateLimited(double retryAfter) =>
        new(429, $$"""{"message":"You are being rate limited.","retry_after":{{retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"global":true}""",
            new Dictionary<string, string> { ["X-RateLimit-Global"] = "true", ["X-RateLimit-Scope"] = "global", ["Retry-After"] = Math.Ceiling(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static FakeDiscordResponse Forbidden() => new(403, """{"message":"Missing Access","code":50001}""");

    public static FakeDiscordResponse NotFound() => new(404, """{"message":"Unknown Channel","code":10003}""");

    public static FakeDiscordResponse Unauthorized() => new(401, """{"message":"401: Unauthorized","code":0}""");

    public static FakeDiscordResponse ServerError() => new(502, "<html>bad gateway</html>");

    public static IReadOnlyDictionary<string, string> BucketHeaders(int limit, int remaining, double resetAfter, string bucket) => new Dictionary<string, string>
    {
        ["X-RateLimit-Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["X-RateLimit-Remaining"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["X-RateLimit-Reset-After"] = resetAfter.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
        ["X-RateLimit-Reset"] = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 + resetAfter).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
        ["X-RateLimit-Bucket"] = bucket,
    };
}

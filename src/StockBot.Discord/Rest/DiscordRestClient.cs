using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StockBot.Discord.Rest;

/// <summary>An answer from Discord, or the reason there was none.</summary>
public sealed record DiscordResponse(int StatusCode, string Body, TimeSpan? RetryAfter = null, bool Global = false, string? Error = null)
{
    /// <summary>Not sent: the rate limit (or the invalid-request guard) asks for a longer wait than allowed.</summary>
    public bool NotSent => StatusCode == 0 && RetryAfter is not null;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool IsRateLimited => StatusCode == 429 || NotSent;

    /// <summary>Discord's own words: `{"message": "...", "code": N}`, else the status.</summary>
    public string Describe()
    {
        if (Error is not null)
        {
            return Error;
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message", out var message))
            {
                var code = document.RootElement.TryGetProperty("code", out var c) ? $" (code {c.GetRawText()})" : string.Empty;
                return $"Discord answered {StatusCode}: {message.GetString()}{code}";
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): the status says enough.
        }

        return $"Discord answered {StatusCode}";
    }

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }
}

/// <summary>
/// Our REST client: a typed HttpClient (Authorization: Bot, User-Agent: DiscordBot) paced by
/// <see cref="DiscordRateLimiter"/>. Logs name the route template, never the path: interaction
/// tokens travel in paths.
/// </summary>
public sealed partial class DiscordRestClient(HttpClient http, DiscordRateLimiter limiter, IOptions<DiscordOptions> options, ILogger<DiscordRestClient> logger)
{
    public const string UserAgent = "DiscordBot (https://github.com/stockbot/stockbot, 1.0)";

    private int tokenRejectedLogged;

    public Task<DiscordResponse> SendJsonAsync(DiscordRoute route, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(route, body is null ? null : () => JsonBody(body), cancellationToken);

    /// <summary>A JSON payload with one PNG attached as files[0]: shown in an embed as attachment://{fileName}.</summary>
    public Task<DiscordResponse> SendMultipartAsync(DiscordRoute route, JsonNode payload, byte[] png, string fileName, CancellationToken cancellationToken) =>
        SendAsync(route, () => MultipartBody(payload, png, fileName), cancellationToken);

    public async Task<DiscordResponse> SendAsync(DiscordRoute route, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            var wait = await limiter.AcquireAsync(route, settings.MaxRateLimitWait, cancellationToken);
            if (wait is { } tooLong)
            {
                LogHeldBack(logger, route.RouteKey, tooLong);
                return new DiscordResponse(0, string.Empty, tooLong, Error: $"Discord rate limit: try again in {tooLong.TotalSeconds:0.#} s");
            }

            using var request = new HttpRequestMessage(route.Method, route.Path.TrimStart('/')) { Content = content?.Invoke() };
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                LogNetworkError(logger, route.RouteKey, ex.HttpRequestError.ToString());
                return new DiscordResponse(0, string.Empty, Error: $"Discord could not be reached ({ex.HttpRequestError})");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogNetworkError(logger, route.RouteKey, "timeout");
                return new DiscordResponse(0, string.Empty, Error: "Discord did not answer in time");
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var status = response.StatusCode;
                var limit = limiter.Update(route, status, response.Headers, body);
                if (limit.PausedFor is { } paused)
                {
                    LogInvalidStreak(logger, settings.MaxInvalidRequestsInARow, paused);
                }

                if (status == HttpStatusCode.Unauthorized && Interlocked.Exchange(ref tokenRejectedLogged, 1) == 0)
                {
                    LogTokenRejected(logger, route.RouteKey);
                }

                if (status != HttpStatusCode.TooManyRequests)
                {
                    if ((int)status >= 400)
                    {
                        LogFailed(logger, route.RouteKey, (int)status);
                    }

                    return new DiscordResponse((int)status, body);
                }

                LogRateLimited(logger, route.RouteKey, limit.RetryAfter, limit.Global, limit.Scope);
                if (attempt >= 1 || limit.RetryAfter > settings.MaxRateLimitWait)
                {
                    return new DiscordResponse(429, body, limit.RetryAfter, limit.Global);
                }

                // One more try, after the limiter has waited out the reset it just learnt.
            }
        }
    }

    internal static HttpContent JsonBody(JsonNode body) =>
        new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

    internal static HttpContent MultipartBody(JsonNode payload, byte[] png, string fileName)
    {
        var multipart = new MultipartFormDataContent();
        multipart.Add(new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), "payload_json");
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        multipart.Add(file, "files[0]", fileName);
        return multipart;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limit on {Route}: retry after {RetryAfter} (global: {Global}, scope: {Scope})")]
    private static partial void LogRateLimited(ILogger logger, string route, TimeSpan retryAfter, bool global, string? scope);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord request {Route} held back: the rate limit needs {Wait}")]
    private static partial void LogHeldBack(ILogger logger, string route, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route} answered {Status}")]
    private static partial void LogFailed(ILogger logger, string route, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route} failed: {Error}")]
    private static partial void LogNetworkError(ILogger logger, string route, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord rejected the bot token (401 on {Route}): check Discord:Token")]
    private static partial void LogTokenRejected(ILogger logger, string route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} Discord answers of 401/403/429 in a row: pausing every Discord request for {Pause}")]
    private static partial void LogInvalidStreak(ILogger logger, int count, TimeSpan pause);
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace StockBot.Discord.Rest;

/// <summary>
/// Our REST client: a typed HttpClient (Authorization: Bot, User-Agent: DiscordBot) whose pipeline
/// paces requests (<see cref="DiscordRateLimitHandler"/>); this class builds the requests and
/// reads the answers. Logs name the route template, never the path: interaction tokens travel in paths.
/// </summary>
public sealed partial class DiscordRestClient(HttpClient http, ILogger<DiscordRestClient> logger)
{
    public const string UserAgent = "DiscordBot (https://github.com/stockbot/stockbot, 1.0)";

    private int tokenRejectedLogged;

    public Task<DiscordResponse> SendJsonAsync<T>(DiscordRoute route, T body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        SendAsync(route, JsonBody(body, typeInfo), cancellationToken);

    /// <summary>A JSON payload with one PNG attached as files[0]: shown in an embed as attachment://{fileName}.</summary>
    public Task<DiscordResponse> SendMultipartAsync<T>(DiscordRoute route, T payload, JsonTypeInfo<T> typeInfo, byte[] png, string fileName, CancellationToken cancellationToken) =>
        SendAsync(route, MultipartBody(JsonBody(payload, typeInfo), png, fileName), cancellationToken);

    public async Task<DiscordResponse> SendAsync(DiscordRoute route, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(route.Method, route.Path.TrimStart('/')) { Content = content };
        request.Options.Set(DiscordRateLimitHandler.Route, route);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = response.StatusCode;
            if (status == HttpStatusCode.Unauthorized && Interlocked.Exchange(ref tokenRejectedLogged, 1) == 0)
            {
                LogTokenRejected(logger, route.RouteKey);
            }

            if (status == HttpStatusCode.TooManyRequests)
            {
                var limit = request.Options.TryGetValue(DiscordRateLimitHandler.RateLimit, out var known) ? known : RateLimitInfo.None;
                return new DiscordResponse((int)status, body, limit.RetryAfter, limit.Global);
            }

            if ((int)status >= 400)
            {
                LogFailed(logger, route.RouteKey, (int)status);
            }

            return new DiscordResponse((int)status, body);
        }
        catch (DiscordRequestExpiredException expired)
        {
            LogExpired(logger, route.RouteKey);
            return new DiscordResponse(0, string.Empty, Error: expired.Message, Expired: true);
        }
        catch (DiscordRequestHeldBackException held)
        {
            return new DiscordResponse(0, string.Empty, held.Wait, Error: held.Message);
        }
        catch (HttpRequestException ex)
        {
            LogNetworkError(logger, route.RouteKey, ex.HttpRequestError.ToString());
            return new DiscordResponse(0, string.Empty, Error: $"Discord could not be reached ({ex.HttpRequestError})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNetworkError(logger, route.RouteKey, "timeout");
            return new DiscordResponse(0, string.Empty, Error: "Discord did not answer in time");
        }
    }

    private static ByteArrayContent JsonBody<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static MultipartFormDataContent MultipartBody(HttpContent payload, byte[] png, string fileName)
    {
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent
        {
            { payload, "payload_json" },
            { file, "files[0]", fileName },
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route} dropped unsent: the interaction's deadline passed")]
    private static partial void LogExpired(ILogger logger, string route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route} answered {Status}")]
    private static partial void LogFailed(ILogger logger, string route, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route} failed: {Error}")]
    private static partial void LogNetworkError(ILogger logger, string route, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord rejected the bot token (401 on {Route}): check Discord:Token")]
    private static partial void LogTokenRejected(ILogger logger, string route);
}

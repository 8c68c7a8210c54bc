using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StockBot.Discord.Rest;

/// <summary>
/// The REST pipeline's rate limiting, around every request that names its <see cref="DiscordRoute"/>:
/// waits for the route's bucket and the global limit, teaches <see cref="DiscordRateLimiter"/>
/// from each answer, and retries a 429 once when its retry_after fits in Discord:MaxRateLimitWait.
/// A wait longer than that throws <see cref="DiscordRequestHeldBackException"/> without sending; a
/// request past its route's deadline (interaction callbacks, interaction tokens) throws
/// <see cref="DiscordRequestExpiredException"/> without sending.
/// </summary>
public sealed partial class DiscordRateLimitHandler(DiscordRateLimiter limiter, IOptions<DiscordOptions> options, ILogger<DiscordRateLimitHandler> logger) : DelegatingHandler
{
    /// <summary>The route of a request: its bucket and what logs may name (never the path, which can carry a token).</summary>
    public static readonly HttpRequestOptionsKey<DiscordRoute> Route = new("StockBot.Discord.Route");

    /// <summary>Set on the request when its last answer was a 429: retry_after, global, scope.</summary>
    public static readonly HttpRequestOptionsKey<RateLimitInfo> RateLimit = new("StockBot.Discord.RateLimit");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(Route, out var route))
        {
            throw new InvalidOperationException("A Discord request must name its DiscordRoute (DiscordRateLimitHandler.Route).");
        }

        var settings = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            var maxWait = settings.MaxRateLimitWait;
            if (route.Deadline is { } deadline)
            {
                // Past an interaction's deadline Discord only answers 10062 Unknown interaction (or 401 for a dead token): drop it.
                var left = deadline - limiter.Now;
                if (left <= TimeSpan.Zero)
                {
                    throw new DiscordRequestExpiredException();
                }

                maxWait = left < maxWait ? left : maxWait;
            }

            var wait = await limiter.AcquireAsync(route, maxWait, cancellationToken);
            if (wait is { } tooLong)
            {
                LogHeldBack(logger, route.RouteKey, tooLong);
                throw route.Deadline is null ? new DiscordRequestHeldBackException(tooLong) : new DiscordRequestExpiredException();
            }

            // Each attempt gets Discord:RequestTimeout of its own: waiting for a bucket is not Discord being slow.
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(settings.RequestTimeout);
            HttpResponseMessage response;
            string body;
            try
            {
                response = await base.SendAsync(request, attemptTimeout.Token);
                try
                {
                    await response.Content.LoadIntoBufferAsync(attemptTimeout.Token);
                    body = await response.Content.ReadAsStringAsync(attemptTimeout.Token);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }
            finally
            {
                limiter.Finished(route);
            }

            var limit = limiter.Update(route, response.StatusCode, response.Headers, body);
            if (limit.PausedFor is { } paused)
            {
                LogInvalidStreak(logger, settings.MaxInvalidRequestsInARow, paused);
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            LogRateLimited(logger, route.RouteKey, limit.RetryAfter, limit.Global, limit.Scope);
            request.Options.Set(RateLimit, limit);
            if (attempt >= 1 || limit.RetryAfter > settings.MaxRateLimitWait)
            {
                return response;
            }

            // One more try, after the limiter has waited out the reset it just learnt.
            response.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limit on {Route}: retry after {RetryAfter} (global: {Global}, scope: {Scope})")]
    private static partial void LogRateLimited(ILogger logger, string route, TimeSpan retryAfter, bool global, string? scope);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord request {Route} held back: the rate limit needs {Wait}")]
    private static partial void LogHeldBack(ILogger logger, string route, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} Discord answers of 401/403/429 in a row: pausing every Discord request for {Pause}")]
    private static partial void LogInvalidStreak(ILogger logger, int count, TimeSpan pause);
}

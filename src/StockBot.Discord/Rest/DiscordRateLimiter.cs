using System.Net;
using System.Net.Http.Headers;

namespace StockBot.Discord.Rest;

/// <summary>
/// Discord's rate limits, paced from the headers so a 429 stays the exception: per-route buckets
/// (learnt from X-RateLimit-Bucket, split by the major parameter), the global 50 requests per
/// second, a global 429 that pauses everything, and a guard that stops sending after a handful
/// of 401/403/429 in a row (Discord bans an IP at 10,000 of them in 10 minutes).
/// </summary>
public sealed class DiscordRateLimiter(TimeProvider time, DiscordOptions options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, string> bucketOfRoute = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BucketState> buckets = new(StringComparer.Ordinal);
    // When each globally counted request of the last second was answered: Discord counts a request
    // when it arrives, somewhere between our send and its answer, so a slot is only free one second
    // after the answer (counting from the send lets a delayed request land in the next window).
    private readonly Queue<DateTimeOffset> globalWindow = new();
    private int globalInFlight;
    private DateTimeOffset globalUntil = DateTimeOffset.MinValue;
    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;
    private int invalidInARow;

    /// <summary>Buckets kept before the passed ones are swept (each interaction has buckets of its own).</summary>
    private const int BucketsBeforeSweep = 1000;

    /// <summary>Discord gives reset-after and retry_after to the millisecond: one more so a rounded-down value never sends early.</summary>
    private static readonly TimeSpan HeaderPrecision = TimeSpan.FromMilliseconds(1);

    /// <summary>How often a request waiting only for in-flight requests of a full second looks again.</summary>
    private static readonly TimeSpan InFlightRecheck = TimeSpan.FromMilliseconds(10);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Waits until the route may be called and takes a slot. Returns null when it did, or the time
    /// still to wait when that is longer than <paramref name="maxWait"/> (nothing is taken then).
    /// </summary>
    public async Task<TimeSpan?> AcquireAsync(DiscordRoute route, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            TimeSpan wait;
            lock (gate)
            {
                var now = time.GetUtcNow();
                wait = WaitFor(route, now);
                if (wait <= TimeSpan.Zero)
                {
                    Take(route, now);
                    return null;
                }
            }

            if (waited + wait > maxWait)
            {
                return wait;
            }

            await Task.Delay(wait, time, cancellationToken);
            waited += wait;
        }
    }

    /// <summary>
    /// Ends a request taken by <see cref="AcquireAsync"/>, answered or not: its global slot stays
    /// taken for one second from now.
    /// </summary>
    public void Finished(DiscordRoute route)
    {
        if (!route.CountsGlobally)
        {
            return;
        }

        lock (gate)
        {
            globalInFlight = Math.Max(0, globalInFlight - 1);
            globalWindow.Enqueue(time.GetUtcNow());
        }
    }

    /// <summary>Learns from an answer: bucket headers, a 429's retry_after and scope, the invalid-request streak.</summary>
    public RateLimitInfo Update(DiscordRoute route, HttpStatusCode status, HttpResponseHeaders headers, string body)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var hash = Header(headers, "X-RateLimit-Bucket");
            if (hash is not null)
            {
                bucketOfRoute[route.RouteKey] = hash;
            }

            var key = BucketKey(route);
            if (Number(headers, "X-RateLimit-Remaining") is { } remaining && Number(headers, "X-RateLimit-Reset-After") is { } resetAfter)
            {
                var state = buckets.TryGetValue(key, out var known) ? known : new BucketState();
                state.Remaining = (int)remaining;
                state.ResetAt = now + TimeSpan.FromSeconds(resetAfter) + HeaderPrecision;
                buckets[key] = state;
                Sweep(now);
            }

            RateLimitInfo info = RateLimitInfo.None;
            if (status == HttpStatusCode.TooManyRequests)
            {
                var (retryAfter, global) = ParseTooManyRequests(headers, body);
                var scope = Header(headers, "X-RateLimit-Scope");
                if (global)
                {
                    globalUntil = Max(globalUntil, now + retryAfter + HeaderPrecision);
                }
                else
                {
                    var state = buckets.TryGetValue(key, out var known) ? known : new BucketState();
                    state.Remaining = 0;
                    state.ResetAt = Max(state.ResetAt, now + retryAfter + HeaderPrecision);
                    buckets[key] = state;
                }

                info = new RateLimitInfo(retryAfter, global, scope);
            }

            // Shared-scope 429s are not counted against the bot by Discord, so not here either.
            var invalid = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                || (status == HttpStatusCode.TooManyRequests && info.Scope != "shared");
            if (invalid)
            {
                invalidInARow++;
                if (invalidInARow >= options.MaxInvalidRequestsInARow)
                {
                    pausedUntil = now + options.InvalidRequestPause;
                    invalidInARow = 0;
                    info = info with { PausedFor = options.InvalidRequestPause };
                }
            }
            else
            {
                invalidInARow = 0;
            }

            return info;
        }
    }

    private TimeSpan WaitFor(DiscordRoute route, DateTimeOffset now)
    {
        // A callback must go within 3 s: neither a global 429 nor the invalid-request pause may hold it.
        // Other interaction answers are not bound by the global limit, but the pause holds them too.
        var until = route.IsInteractionCallback ? DateTimeOffset.MinValue
            : route.IsInteractionResponse ? pausedUntil
            : Max(globalUntil, pausedUntil);
        if (buckets.TryGetValue(BucketKey(route), out var bucket) && bucket.Remaining <= 0)
        {
            until = Max(until, bucket.ResetAt);
        }

        if (route.CountsGlobally)
        {
            while (globalWindow.Count > 0 && globalWindow.Peek() <= now - TimeSpan.FromSeconds(1))
            {
                globalWindow.Dequeue();
            }

            if (globalInFlight + globalWindow.Count >= DiscordLimits.GlobalRequestsPerSecond)
            {
                until = Max(until, globalWindow.Count > 0 ? globalWindow.Peek() + TimeSpan.FromSeconds(1) : now + InFlightRecheck);
            }
        }

        return until - now;
    }

    private void Take(DiscordRoute route, DateTimeOffset now)
    {
        if (route.CountsGlobally)
        {
            globalInFlight++;
        }

        if (buckets.TryGetValue(BucketKey(route), out var bucket))
        {
            if (bucket.ResetAt <= now)
            {
                // The window passed: the count is unknown until the answer's headers say it.
                bucket.Remaining = int.MaxValue;
            }
            else if (bucket.Remaining != int.MaxValue)
            {
                bucket.Remaining--;
            }
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        if (buckets.Count <= BucketsBeforeSweep)
        {
            return;
        }

        foreach (var passed in buckets.Where(b => b.Value.ResetAt <= now).Select(b => b.Key).ToList())
        {
            buckets.Remove(passed);
        }
    }

    private string BucketKey(DiscordRoute route) =>
        (bucketOfRoute.TryGetValue(route.RouteKey, out var hash) ? hash : route.RouteKey) + "|" + route.MajorParameter;

    internal static (TimeSpan RetryAfter, bool Global) ParseTooManyRequests(HttpResponseHeaders headers, string body)
    {
        double? seconds = null;
        var global = string.Equals(Header(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(Header(headers, "X-RateLimit-Scope"), "global", StringComparison.OrdinalIgnoreCase);
        try
        {
            if (body.TrimStart().StartsWith('{') && JsonSerializer.Deserialize(body, DiscordJsonContext.Default.RateLimitedBody) is { } limited)
            {
                seconds = limited.RetryAfter;
                global |= limited.Global == true;
            }
        }
        catch (JsonException)
        {
            // Cloudflare's own 429 is HTML: fall back to the Retry-After header.
        }

        seconds ??= Number(headers, "Retry-After") ?? 1;
        return (TimeSpan.FromSeconds(Math.Clamp(seconds.Value, 0, 3600)), global);
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Number(HttpResponseHeaders headers, string name) =>
        Header(headers, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed class BucketState
    {
        public int Remaining { get; set; } = int.MaxValue;

        public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MinValue;
    }
}

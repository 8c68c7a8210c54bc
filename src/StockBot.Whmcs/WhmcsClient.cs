using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StockBot.Whmcs;

/// <summary>Reads products and their stock through WHMCS's External API (action GetProducts).</summary>
public sealed partial class WhmcsClient(HttpClient httpClient, IOptions<WhmcsClientOptions> options, ILogger<WhmcsClient> logger)
{
    private const string ApiPath = "/includes/api.php";

    // Longest Retry-After we honour inside one read; longer waits are the next cycle's business.
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(5);

    private readonly WhmcsClientOptions settings = options.Value;

    /// <summary>
    /// Reads the given products (all products when <paramref name="productIds"/> is null) in one request.
    /// Remote failures come back as <see cref="WhmcsProductsResult.Failure"/>; only the caller's
    /// cancellation throws. An empty <paramref name="productIds"/> asks for nothing and sends nothing.
    /// Requested pids that WHMCS does not know are simply absent from the result.
    /// </summary>
    public async Task<WhmcsProductsResult> GetProductsAsync(
        WhmcsCredentials credentials,
        IReadOnlyCollection<int>? productIds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        cancellationToken.ThrowIfCancellationRequested();
        if (productIds is { Count: 0 })
        {
            return WhmcsProductsResult.Success([]);
        }

        if (!TryGetEndpoint(credentials.WebsiteUrl, out var endpoint))
        {
            return WhmcsProductsResult.Failed(WhmcsFailures.InvalidUrl());
        }

        var host = endpoint.Authority;
        var fields = BuildForm(credentials, productIds);
        var retries = Math.Max(0, settings.TransientRetries);
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await SendOnceAsync(endpoint, host, credentials, fields, cancellationToken);
            if (outcome.Result.Failure is not { } failure)
            {
                LogRead(logger, host, outcome.Result.Products.Count, attempt, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return outcome.Result;
            }

            if (!outcome.Transient || attempt > retries)
            {
                LogFailed(logger, host, failure.Kind, failure.HttpStatus, attempt);
                if (attempt > 1)
                {
                    failure = failure with { Message = $"{failure.Message} Tried {attempt} times." };
                }

                return WhmcsProductsResult.Failed(failure);
            }

            var delay = RetryDelay(attempt, outcome.RetryAfter);
            LogRetry(logger, host, failure.Kind, failure.HttpStatus, attempt, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken);
        }
    }

    private async Task<Outcome> SendOnceAsync(Uri endpoint, string host, WhmcsCredentials credentials, KeyValuePair<string, string>[] fields, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(fields),
        };
        try
        {
            // The default completion option buffers the body, so the per-attempt timeout covers reading it too.
            using var response = await httpClient.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return Interpret(response, body, host, credentials);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // Our per-attempt timeout, or HttpClient.Timeout when the client was not built by AddWhmcs.
            return Outcome.Fail(WhmcsFailures.Timeout(host, settings.RequestTimeout), transient: true);
        }
        catch (HttpRequestException exception)
        {
            // A bad certificate or an oversized answer will not change within the next second.
            var transient = exception.HttpRequestError is not (HttpRequestError.SecureConnectionError or HttpRequestError.ConfigurationLimitExceeded);
            return Outcome.Fail(WhmcsFailures.Connection(exception, host), transient);
        }
        catch (IOException)
        {
            // The connection broke while the body was being read.
            return Outcome.Fail(WhmcsFailures.Connection(new HttpRequestException(HttpRequestError.ResponseEnded), host), transient: true);
        }
    }

    private static Outcome Interpret(HttpResponseMessage response, byte[] body, string host, WhmcsCredentials credentials)
    {
        var status = (int)response.StatusCode;
        var answer = WhmcsResponseParser.Parse(body);
        switch (answer.Kind)
        {
            case WhmcsAnswerKind.Success:
                return new Outcome(WhmcsProductsResult.Success(answer.Products), false, null);
            case WhmcsAnswerKind.Error:
                var error = WhmcsFailures.FromWhmcsError(answer.Message, status, credentials);
                return Outcome.Fail(error, IsTransientStatus(status) && error.Kind == WhmcsFailureKind.HttpStatus, RetryAfter(response));
        }

        if (!response.IsSuccessStatusCode)
        {
            var redirect = response.Headers.Location is { } location ? new Uri(response.RequestMessage?.RequestUri ?? new Uri("http://" + host), location) : null;
            return Outcome.Fail(WhmcsFailures.FromStatus(response.StatusCode, host, redirect), IsTransientStatus(status), RetryAfter(response));
        }

        return answer.Kind == WhmcsAnswerKind.Unrecognised
            ? Outcome.Fail(WhmcsFailures.Unrecognised(host, status), transient: false)
            : Outcome.Fail(WhmcsFailures.NotJson(body, response.Content.Headers.ContentType, host, status, credentials), transient: false);
    }

    private static bool IsTransientStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    private TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        // Jitter keeps many websites on one host from retrying in lockstep.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        var backoff = settings.RetryBaseDelay * Math.Pow(2, attempt - 1) * jitter;
        if (retryAfter is { } wanted && wanted > backoff)
        {
            backoff = wanted < MaxRetryAfter ? wanted : MaxRetryAfter;
        }

        return backoff < TimeSpan.Zero ? TimeSpan.Zero : backoff;
    }

    internal static bool TryGetEndpoint(Uri websiteUrl, out Uri endpoint)
    {
        endpoint = null!;
        if (websiteUrl is null || !websiteUrl.IsAbsoluteUri || (websiteUrl.Scheme != Uri.UriSchemeHttp && websiteUrl.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        // Query and fragment are never part of the WHMCS root; people paste admin URLs with them.
        var root = websiteUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (!root.EndsWith(ApiPath, StringComparison.OrdinalIgnoreCase))
        {
            root += ApiPath;
        }

        return Uri.TryCreate(root, UriKind.Absolute, out endpoint!);
    }

    internal static KeyValuePair<string, string>[] BuildForm(WhmcsCredentials credentials, IReadOnlyCollection<int>? productIds)
    {
        var fields = new List<KeyValuePair<string, string>>(6)
        {
            new("action", "GetProducts"),
            new("identifier", credentials.Identifier),
            new("secret", credentials.Secret),
            new("responsetype", "json"),
        };
        if (!string.IsNullOrEmpty(credentials.AccessKey))
        {
            fields.Add(new("accesskey", credentials.AccessKey));
        }

        if (productIds is not null)
        {
            var ids = productIds.Distinct().Order().Select(id => id.ToString(CultureInfo.InvariantCulture));
            fields.Add(new("pid", string.Join(',', ids)));
        }

        return [.. fields];
    }

    private readonly record struct Outcome(WhmcsProductsResult Result, bool Transient, TimeSpan? RetryAfter)
    {
        public static Outcome Fail(WhmcsFailure failure, bool transient, TimeSpan? retryAfter = null) =>
            new(WhmcsProductsResult.Failed(failure), transient, retryAfter);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "WHMCS {Host}: {Count} products read in {ElapsedMs} ms (attempt {Attempt})")]
    private static partial void LogRead(ILogger logger, string host, int count, int attempt, long elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "WHMCS {Host}: attempt {Attempt} failed ({Kind}, HTTP {Status}); retrying in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string host, WhmcsFailureKind kind, int? status, int attempt, long delayMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "WHMCS {Host}: read failed ({Kind}, HTTP {Status}) after {Attempts} attempts")]
    private static partial void LogFailed(ILogger logger, string host, WhmcsFailureKind kind, int? status, int attempts);
}

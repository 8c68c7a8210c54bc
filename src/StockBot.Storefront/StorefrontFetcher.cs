using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace StockBot.Storefront;

/// <summary>
/// GETs one storefront page the polite way: through the host's gate, with the website's cookies and
/// language=english, following redirects only on the same site.
/// </summary>
internal sealed partial class StorefrontFetcher(HttpClient httpClient, HostGates gates, StorefrontOptions options, TimeProvider time, ILogger logger)
{
    private const int MaxRedirects = 5;

    private CancellationTokenSource? spareTimeout;

    public async Task<PageResult> GetAsync(StorefrontSite site, Uri url, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            var outcome = await SendOnceAsync(site, WithEnglish(current), cancellationToken);
            if (outcome.Redirect is not { } target)
            {
                return outcome.Result;
            }

            current = target;
        }

        return PageResult.Failed(StorefrontFailures.TooManyRedirects(url.Host));
    }

    private async Task<Hop> SendOnceAsync(StorefrontSite site, Uri uri, CancellationToken cancellationToken)
    {
        var host = uri.Host;
        using var turn = await gates.EnterAsync(gates.For(uri), options.MinRequestGap, cancellationToken);
        if (turn.PausedUntil is { } until)
        {
            return Hop.Done(PageResult.Failed(StorefrontFailures.Paused(host, until)));
        }

        var timeout = RentTimeout();
        var stop = default(CancellationTokenRegistration);
        try
        {
            // The caller's cancellation cancels the timeout source: what a linked source did, without one per request.
            stop = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
            var token = timeout.Token;
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
            request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
            request.Headers.TryAddWithoutValidation("Accept-Language", "en-US,en;q=0.9");
            var cookies = site.Cookies.GetCookieHeader(uri);
            if (cookies.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Cookie", cookies);
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await httpClient.SendAsync(request, token);
            var body = await response.Content.ReadAsStringAsync(token);
            KeepCookies(site, uri, response);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                // Guarded: the path is a new string per call, built even when the message is not logged.
                LogFetched(logger, host, uri.AbsolutePath, (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return Interpret(turn, uri, response, body);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return Hop.Done(Fail(uri, StorefrontFailures.Timeout(host, options.RequestTimeout)));
        }
        catch (HttpRequestException exception)
        {
            return Hop.Done(Fail(uri, StorefrontFailures.Connection(exception, host)));
        }
        catch (IOException)
        {
            return Hop.Done(Fail(uri, StorefrontFailures.Connection(new HttpRequestException(HttpRequestError.ResponseEnded), host)));
        }
        finally
        {
            // Unregistered first: a cancellation after this must not reach a source kept for the next request.
            stop.Dispose();
            ReturnTimeout(timeout);
        }
    }

    /// <summary>
    /// The request timeout's source, kept between requests while it has not fired: a read's pages are fetched one after
    /// another, and a timeout source, a linked source and a timer per request were allocations and timer-queue work a page.
    /// </summary>
    private CancellationTokenSource RentTimeout()
    {
        if (Interlocked.Exchange(ref this.spareTimeout, null) is { } spare)
        {
            spare.CancelAfter(options.RequestTimeout);
            return spare;
        }

        return new CancellationTokenSource(options.RequestTimeout, time);
    }

    /// <summary>Kept for the next request if it can be reset (not cancelled, its timer stopped); else disposed.</summary>
    private void ReturnTimeout(CancellationTokenSource timeout)
    {
        if (!timeout.TryReset() || Interlocked.CompareExchange(ref this.spareTimeout, timeout, null) is not null)
        {
            timeout.Dispose();
        }
    }

    private Hop Interpret(HostTurn turn, Uri uri, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var retryAfter = StorefrontFailures.RetryAfter(response, time);
        if (retryAfter is { } wait && response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            turn.Pause(wait > options.MaxRetryAfter ? options.MaxRetryAfter : wait);
        }

        if (status is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            var target = new Uri(uri, location);
            if (!string.Equals(target.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase))
            {
                return Hop.Done(Fail(uri, StorefrontFailures.Redirected(uri.Host, target, status)));
            }

            return PageMarkers.IsLoginLocation(target)
                ? Hop.Done(Fail(uri, StorefrontFailures.Login(uri.Host, status)))
                : new Hop(default, target);
        }

        if (StorefrontFailures.FromResponse(response, body, uri, retryAfter) is { } failure)
        {
            return Hop.Done(Fail(uri, failure));
        }

        return Hop.Done(PageResult.Of(new StorePage(uri, status, body)));
    }

    private PageResult Fail(Uri uri, StorefrontFailure failure)
    {
        LogFailed(logger, uri.Host, uri.AbsolutePath, failure.Kind, failure.HttpStatus);
        return PageResult.Failed(failure);
    }

    private static void KeepCookies(StorefrontSite site, Uri uri, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            try
            {
                site.Cookies.SetCookies(uri, value);
            }
            catch (CookieException)
            {
                // A malformed cookie is the store's problem; the page itself may still be fine.
            }
        }
    }

    /// <summary>WHMCS renders texts in the visitor's language; our markers are the English ones.</summary>
    internal static Uri WithEnglish(Uri uri)
    {
        if (PageMarkers.QueryValue(uri, "language") is not null)
        {
            return uri;
        }

        var builder = new UriBuilder(uri);
        var query = builder.Query.TrimStart('?');
        builder.Query = query.Length == 0 ? "language=english" : query + "&language=english";
        return builder.Uri;
    }

    private readonly record struct Hop(PageResult Result, Uri? Redirect)
    {
        public static Hop Done(PageResult result) => new(result, null);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Storefront {Host}{Path}: HTTP {Status} in {ElapsedMs} ms")]
    private static partial void LogFetched(ILogger logger, string host, string path, int status, long elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Storefront {Host}{Path}: failed ({Kind}, HTTP {Status})")]
    private static partial void LogFailed(ILogger logger, string host, string path, StorefrontFailureKind kind, int? status);
}

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace StockBot.Simulator;

/// <summary>The External API half of the simulator: includes/api.php answering GetProducts, with faults on demand.</summary>
public sealed partial class WhmcsSimulator
{
    private async Task HandleApiAsync(HttpContext context, SimulatedStore store)
    {
        Interlocked.Increment(ref totalRequests);
        var request = context.Request;
        var aborted = context.RequestAborted;
        var form = request.HasFormContentType ? await request.ReadFormAsync(aborted) : null;
        var pids = ParsePids(Field(request, form, "pid"));
        store.CountRequest(pids);

        var latency = store.EffectiveLatency(options.Latency);
        if (latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(latency, aborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (store.TakeFailure())
        {
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "text/html", Bodies.ServerError, aborted);
            return;
        }

        var json = string.Equals(Field(request, form, "responsetype"), "json", StringComparison.OrdinalIgnoreCase);
        switch (store.Fault)
        {
            case SimulatedFault.Timeout:
                await HangAsync(aborted);
                return;
            case SimulatedFault.ServerError:
                await WriteAsync(context, StatusCodes.Status500InternalServerError, "text/html", Bodies.ServerError, aborted);
                return;
            case SimulatedFault.HtmlPage:
                await WriteAsync(context, StatusCodes.Status200OK, "text/html; charset=UTF-8", Bodies.CloudflareChallenge, aborted);
                return;
            case SimulatedFault.ApiError:
                await WriteErrorAsync(context, StatusCodes.Status200OK, store.ApiErrorMessage, json);
                return;
            case SimulatedFault.InvalidIp:
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, InvalidIp(context), json);
                return;
            case SimulatedFault.AuthenticationFailed:
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, Bodies.AuthenticationFailed, json);
                return;
            case SimulatedFault.InvalidPermissions:
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, Bodies.InvalidPermissions, json);
                return;
            case SimulatedFault.IpBanned:
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, Bodies.IpBanned, json);
                return;
        }

        // WHMCS checks the address (or the access key that stands in for it) before the credentials.
        if (store.AccessKey is { } accessKey)
        {
            var sent = Field(request, form, "accesskey");
            if (sent is null)
            {
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, InvalidIp(context), json);
                return;
            }

            if (!string.Equals(sent, accessKey, StringComparison.Ordinal))
            {
                await WriteErrorAsync(context, StatusCodes.Status403Forbidden, Bodies.InvalidAccessKey, json);
                return;
            }
        }

        if (!string.Equals(Field(request, form, "identifier"), store.Identifier, StringComparison.Ordinal)
            || !string.Equals(Field(request, form, "secret"), store.Secret, StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, StatusCodes.Status403Forbidden, Bodies.AuthenticationFailed, json);
            return;
        }

        if (!string.Equals(Field(request, form, "action"), "GetProducts", StringComparison.OrdinalIgnoreCase))
        {
            await WriteErrorAsync(context, StatusCodes.Status200OK, Bodies.CommandNotFound, json);
            return;
        }

        if (!json)
        {
            await WriteAsync(context, StatusCodes.Status200OK, "text/xml", Bodies.XmlProducts, aborted);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        if (store.TakeHold() is { } hold)
        {
            // The stock as it is now, sent when the test lets it go: a read that is slow on the wire.
            var body = new System.Buffers.ArrayBufferWriter<byte>();
            ProductsJson.Write(body, store.Products, pids, store.StockStyle);
            await hold.WaitAsync(aborted);
            await context.Response.Body.WriteAsync(body.WrittenMemory, aborted);
            return;
        }

        ProductsJson.Write(context.Response.BodyWriter, store.Products, pids, store.StockStyle);
        await context.Response.BodyWriter.FlushAsync(aborted);
    }

    private async Task HangAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, or the simulator is stopping: either way nobody waits for an answer.
        }
    }

    private static string? Field(HttpRequest request, IFormCollection? form, string name)
    {
        // WHMCS reads $_REQUEST, so the query string counts as much as the form.
        if (form is not null && form.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value))
        {
            return value[0];
        }

        return request.Query.TryGetValue(name, out value) && !StringValues.IsNullOrEmpty(value) ? value[0] : null;
    }

    private static int[]? ParsePids(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var span = text.AsSpan();
        var pids = new List<int>(span.Count(',') + 1);
        foreach (var range in span.Split(','))
        {
            if (int.TryParse(span[range].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                pids.Add(pid);
            }
        }

        return [.. pids];
    }

    private static string InvalidIp(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }

        return "Invalid IP " + (address?.ToString() ?? "127.0.0.1");
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message, bool json)
    {
        context.Response.StatusCode = status;
        if (!json)
        {
            context.Response.ContentType = "text/xml";
            var xml = $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<whmcsapi version=\"8.13.1\">\n<result>error</result>\n<message>{WebUtility.HtmlEncode(message)}</message>\n</whmcsapi>";
            return context.Response.WriteAsync(xml, context.RequestAborted);
        }

        context.Response.ContentType = "application/json";
        using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("result"u8, "error"u8);
        writer.WriteString("message"u8, message);
        writer.WriteEndObject();
        writer.Flush();
        return context.Response.BodyWriter.FlushAsync(context.RequestAborted).AsTask();
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, byte[] body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, cancellationToken);
    }

    private static class Bodies
    {
        public const string AuthenticationFailed = "Authentication Failed";
        public const string InvalidAccessKey = "Invalid Access Key";
        public const string IpBanned = "IP Banned";
        public const string InvalidPermissions = "Invalid Permissions: API action \"getproducts\" is not allowed";
        public const string CommandNotFound = "Command Not Found";

        public static readonly byte[] ServerError = Encoding.UTF8.GetBytes(
            "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>");

        public static readonly byte[] CloudflareChallenge = Encoding.UTF8.GetBytes(
            "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title>" +
            "<meta http-equiv=\"refresh\" content=\"390\"></head><body><div id=\"cf-chl-widget\">" +
            "Checking if the site connection is secure</div><script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1\"></script></body></html>");

        public static readonly byte[] XmlProducts = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<whmcsapi version=\"8.13.1\">\n<action>getproducts</action>\n<result>success</result>\n</whmcsapi>");
    }
}

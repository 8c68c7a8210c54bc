using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Testing.Discord;

/// <summary>A webhook the fake knows: what a person would copy from Discord (<see cref="Url"/>), and whether it still exists.</summary>
public sealed record FakeWebhook(string Id, string Token, string ChannelId)
{
    /// <summary>The URL as Discord's "Copy Webhook URL" gives it (the fake answers it under its own <see cref="FakeDiscordWebhooks.ApiBaseUrl"/>).</summary>
    public string Url => $"https://discord.com/api/webhooks/{Id}/{Token}";
}

/// <summary>One execute-webhook request as it arrived, with the fake's answer.</summary>
public sealed record FakeWebhookExecution(string WebhookId, string Query, string Body, int Status, DateTimeOffset ReceivedAt)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public bool Delivered => Status is >= 200 and < 300;
}

/// <summary>
/// A strict loopback of Discord's execute webhook (POST /api/v10/webhooks/{id}/{token}), answering as Discord does:
/// 404 10015 Unknown Webhook for an unknown or deleted one, 401 50027 Invalid Webhook Token for a wrong token, 400
/// 50006 for an empty message and 400 50035 Invalid Form Body (with Discord's error tree) for a body over the limits
/// or a link that is not well formed, a per-webhook bucket of 5 requests per 2 s with X-RateLimit headers and 429s
/// past it, and the created message for ?wait=true (204 without). Answers can also be scripted per webhook.
/// </summary>
public sealed class FakeDiscordWebhooks : IAsyncDisposable
{
    public const int BucketLimit = 5;
    public static readonly TimeSpan BucketWindow = TimeSpan.FromSeconds(2);

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly Dictionary<string, FakeWebhook> webhooks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<FakeDiscordResponse>> scripts = new(StringComparer.Ordinal);
    private readonly List<FakeWebhookExecution> executions = [];
    private long nextId = 1_200_000_000_000_000_000;

    private FakeDiscordWebhooks(WebApplication app)
    {
        this.app = app;
        ApiBaseUrl = string.Empty;
    }

    /// <summary>For Discord:ApiBaseUrl.</summary>
    public string ApiBaseUrl { get; private set; }

    /// <summary>How many answers were 429s: pacing from the headers should keep this at 0.</summary>
    public int RateLimitedCount { get; private set; }

    public IReadOnlyList<FakeWebhookExecution> Executions
    {
        get
        {
            lock (gate)
            {
                return executions.ToList();
            }
        }
    }

    /// <summary>The executions that posted a message.</summary>
    public IReadOnlyList<FakeWebhookExecution> Delivered => Executions.Where(e => e.Delivered).ToList();

    public static async Task<FakeDiscordWebhooks> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddLogging();
        var app = builder.Build();
        var fake = new FakeDiscordWebhooks(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.ApiBaseUrl = address.TrimEnd('/') + "/api/v10";
        return fake;
    }

    /// <summary>A new webhook in a channel, as a person makes one in the channel's settings.</summary>
    public FakeWebhook Create(string channelId = "300000000000000001")
    {
        lock (gate)
        {
            var id = (++nextId).ToString(CultureInfo.InvariantCulture);
            // 68 characters of URL-safe base64, as Discord's tokens are.
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(51)).Replace('+', '-').Replace('/', '_');
            var webhook = new FakeWebhook(id, token, channelId);
            webhooks[id] = webhook;
            return webhook;
        }
    }

    /// <summary>Deletes the webhook, as a person does in the channel's settings: from now on it is Unknown Webhook.</summary>
    public void Delete(FakeWebhook webhook)
    {
        lock (gate)
        {
            webhooks.Remove(webhook.Id);
        }
    }

    /// <summary>The next requests to this webhook get these answers, in order; then the real rules again.</summary>
    public void Script(FakeWebhook webhook, params FakeDiscordResponse[] answers)
    {
        lock (gate)
        {
            if (!scripts.TryGetValue(webhook.Id, out var queue))
            {
                scripts[webhook.Id] = queue = new Queue<FakeDiscordResponse>();
            }

            foreach (var answer in answers)
            {
                queue.Enqueue(answer);
            }
        }
    }

    public IReadOnlyList<FakeWebhookExecution> ExecutionsOf(FakeWebhook webhook) => Executions.Where(e => e.WebhookId == webhook.Id).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public static FakeDiscordResponse UnknownWebhook() => new(404, """{"message": "Unknown Webhook", "code": 10015}""");

    public static FakeDiscordResponse InvalidToken() => new(401, """{"message": "Invalid Webhook Token", "code": 50027}""");

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = context.Request.QueryString.Value ?? string.Empty;
        FakeDiscordResponse answer;
        string? webhookId = null;
        if (context.Request.Method != "POST" || segments is not ["api", "v10", "webhooks", var id, var token])
        {
            answer = new FakeDiscordResponse(404, """{"message": "404: Not Found", "code": 0}""");
        }
        else
        {
            webhookId = id;
            answer = Answer(id, token, context.Request.ContentType, body, context.Request.Query);
        }

        lock (gate)
        {
            if (answer.Status == 429)
            {
                RateLimitedCount++;
            }

            executions.Add(new FakeWebhookExecution(webhookId ?? string.Empty, query, body, answer.Status, receivedAt));
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body);
        }
    }

    private FakeDiscordResponse Answer(string id, string token, string? contentType, string body, IQueryCollection query)
    {
        FakeWebhook? webhook;
        FakeDiscordResponse? scripted = null;
        lock (gate)
        {
            webhooks.TryGetValue(id, out webhook);
            if (scripts.TryGetValue(id, out var queue) && queue.Count > 0)
            {
                scripted = queue.Dequeue();
            }
        }

        if (scripted is not null)
        {
            return scripted;
        }

        if (webhook is null)
        {
            return UnknownWebhook();
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(webhook.Token), Encoding.UTF8.GetBytes(token)))
        {
            return InvalidToken();
        }

        var bucket = TakeFromBucket(id);
        if (bucket.RetryAfter is { } retryAfter)
        {
            return FakeDiscordResponse.RateLimited(retryAfter, "fake-webhook-bucket") with
            {
                Headers = new Dictionary<string, string>(FakeDiscordResponse.BucketHeaders(BucketLimit, 0, retryAfter, "fake-webhook-bucket"))
                {
                    ["X-RateLimit-Scope"] = "user",
                    ["Retry-After"] = Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture),
                },
            };
        }

        var headers = FakeDiscordResponse.BucketHeaders(BucketLimit, bucket.Remaining, bucket.ResetAfter, "fake-webhook-bucket");
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new FakeDiscordResponse(400, """{"message": "Cannot send an empty message", "code": 50006}""", headers);
        }

        JsonObject message;
        try
        {
            message = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return new FakeDiscordResponse(400, """{"message": "The request body contains invalid JSON.", "code": 50109}""", headers);
        }

        if (FakeMessageRules.Check(message) is { } invalid)
        {
            return invalid with { Headers = headers };
        }

        if (!string.Equals(query["wait"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return new FakeDiscordResponse(204, null, headers);
        }

        var created = new JsonObject
        {
            ["id"] = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture),
            ["type"] = 0,
            ["channel_id"] = webhook.ChannelId,
            ["webhook_id"] = webhook.Id,
            ["content"] = message["content"]?.GetValue<string>() ?? string.Empty,
            ["embeds"] = message["embeds"]?.DeepClone() ?? new JsonArray(),
        };
        return new FakeDiscordResponse(200, created.ToJsonString(), headers);
    }

    private (int Remaining, double ResetAfter, double? RetryAfter) TakeFromBucket(string id)
    {
        lock (gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (!windows.TryGetValue(id, out var window))
            {
                windows[id] = window = new Queue<DateTimeOffset>();
            }

            while (window.Count > 0 && window.Peek() + BucketWindow <= now)
            {
                window.Dequeue();
            }

            if (window.Count >= BucketLimit)
            {
                return (0, 0, Math.Max(0.001, (window.Peek() + BucketWindow - now).TotalSeconds));
            }

            window.Enqueue(now);
            return (BucketLimit - window.Count, (window.Peek() + BucketWindow - now).TotalSeconds, null);
        }
    }
}

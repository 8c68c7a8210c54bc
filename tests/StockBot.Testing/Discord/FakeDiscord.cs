using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Testing.Discord;

/// <summary>
/// A loopback Discord on Kestrel 127.0.0.1:0: a WebSocket gateway at <see cref="GatewayUrl"/> and
/// the REST routes StockBot calls under <see cref="ApiBaseUrl"/>. Records every request and
/// gateway payload; answers can be scripted per route (429s with bucket headers, global 429,
/// 403, 404, 5xx). Unscripted, it is strict as Discord is: bodies checked against the documented
/// limits and shapes (<see cref="FakeDiscordRules"/>, 400 with Discord's error bodies), per-route
/// buckets with X-RateLimit-* headers and 429s past them, the global 50/s, interaction callbacks only
/// within 3 s of the interaction and once, interaction tokens for 15 minutes, registered commands kept
/// per guild, session_start_limit counting down.
/// </summary>
public sealed partial class FakeDiscord : IAsyncDisposable
{
    public const string DefaultApplicationId = "900000000000000001";
    private const long DiscordEpochMs = 1_420_070_400_000;

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<FakeDiscordRequest> requests = [];
    private readonly List<FakeGatewayConnection> connections = [];
    private readonly List<(string Method, string PathFragment, Queue<FakeDiscordResponse> Answers)> scripts = [];
    private readonly Dictionary<string, long> sessions = new(StringComparer.Ordinal);
    private int idIncrement;
    private int sessionCount;

    private FakeDiscord(WebApplication app)
    {
        this.app = app;
        BaseAddress = null!;
    }

    public Uri BaseAddress { get; private set; }

    /// <summary>For Discord:ApiBaseUrl.</summary>
    public string ApiBaseUrl => $"{BaseAddress}api/v10";

    /// <summary>For Discord:GatewayUrl (and what GET /gateway/bot answers).</summary>
    public string GatewayUrl => $"ws://{BaseAddress.Authority}/gateway";

    public string ApplicationId { get; set; } = DefaultApplicationId;

    /// <summary>Hello's heartbeat_interval for new connections. Long by default: on a loaded machine a short one makes the client declare a zombie connection and resume, which tests that do not test heartbeats should never see.</summary>
    public int HeartbeatIntervalMs { get; set; } = 10_000;

    /// <summary>When true, heartbeats are recorded but not acknowledged (a zombie connection).</summary>
    public bool DropHeartbeatAcks { get; set; }

    /// <summary>READY's resume_gateway_url; null = <see cref="GatewayUrl"/>. A dead address makes resume connections fail.</summary>
    public string? ResumeGatewayUrl { get; set; }

    /// <summary>session_start_limit.remaining in GET /gateway/bot; each Identify takes one (never below 0).</summary>
    public int SessionStartRemaining { get; set; } = 999;

    /// <summary>session_start_limit.reset_after, in milliseconds.</summary>
    public long SessionStartResetAfterMs { get; set; } = 14_400_000;

    public IReadOnlyList<FakeDiscordRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToList();
            }
        }
    }

    public IReadOnlyList<FakeGatewayConnection> Connections
    {
        get
        {
            lock (gate)
            {
                return connections.ToList();
            }
        }
    }

    public static async Task<FakeDiscord> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddLogging();
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>Answers the next requests whose method matches and whose path contains <paramref name="pathFragment"/> with these, in order; then the defaults.</summary>
    public void Script(string method, string pathFragment, params FakeDiscordResponse[] answers)
    {
        lock (gate)
        {
            scripts.Add((method, pathFragment, new Queue<FakeDiscordResponse>(answers)));
        }
    }

    public IReadOnlyList<FakeDiscordRequest> RequestsTo(string method, string pathFragment) =>
        Requests.Where(r => r.Method == method && r.Path.Contains(pathFragment, StringComparison.Ordinal)).ToList();

    public Task<FakeDiscordRequest> WaitForRequestAsync(string method, string pathFragment, TimeSpan? timeout = null, int count = 1) =>
        WaitAsync(() => RequestsTo(method, pathFragment) is var found && found.Count >= count ? found[count - 1] : null, timeout, $"{count} x {method} {pathFragment}");

    /// <summary>The n-th gateway connection (1-based), once it exists.</summary>
    public Task<FakeGatewayConnection> WaitForConnectionAsync(int number, TimeSpan? timeout = null) =>
        WaitAsync(() => Connections is var all && all.Count >= number ? all[number - 1] : null, timeout, $"gateway connection #{number}");

    public async Task<T> WaitAsync<T>(Func<T?> probe, TimeSpan? timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fake Discord: {what} did not happen. Requests: {string.Join(", ", Requests)}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A real snowflake: minted now (or <paramref name="ago"/> earlier), so its timestamp is what Discord's would be.</summary>
    public string NextId(TimeSpan? ago = null)
    {
        var ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)(ago ?? TimeSpan.Zero).TotalMilliseconds - DiscordEpochMs;
        var increment = (uint)(Interlocked.Increment(ref idIncrement) & 0xFFF);
        return (((ulong)ms << 22) | increment).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>When the snowflake was minted.</summary>
    public static DateTimeOffset SnowflakeTime(string id) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(ulong.Parse(id, CultureInfo.InvariantCulture) >> 22) + DiscordEpochMs);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections)
        {
            connection.Abort();
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }

    internal (string SessionId, long Sequence) NewSession()
    {
        lock (gate)
        {
            var id = $"fake-session-{++sessionCount}";
            sessions[id] = 0;
            return (id, 0);
        }
    }

    internal bool KnowsSession(string? sessionId)
    {
        lock (gate)
        {
            return sessionId is not null && sessions.ContainsKey(sessionId);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/gateway")
        {
            await HandleGatewayAsync(context);
            return;
        }

        var request = await RecordAsync(context);
        var answer = Scripted(request) ?? Strict(request) ?? Default(request);
        if (answer.Status == 429)
        {
            Interlocked.Increment(ref rateLimitedAnswers);
        }

        lock (gate)
        {
            answers.Add((request, answer.Status, answer.Body));
        }

        if (answer.Delay is { } delay)
        {
            await Task.Delay(delay);
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = answer.Body.StartsWith('<') ? "text/html" : "application/json";
            await context.Response.WriteAsync(answer.Body);
        }
    }

    private async Task HandleGatewayAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        FakeGatewayConnection connection;
        lock (gate)
        {
            connection = new FakeGatewayConnection(this, socket, connections.Count + 1, context.Request.QueryString.Value ?? string.Empty);
            connections.Add(connection);
        }

        await connection.RunAsync(HeartbeatIntervalMs);
    }

    private async Task<FakeDiscordRequest> RecordAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var parts = new List<FakeMultipartPart>();
        var body = string.Empty;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync();
            foreach (var field in form)
            {
                parts.Add(new FakeMultipartPart(field.Key, null, null, Encoding.UTF8.GetBytes(field.Value.ToString())));
            }

            foreach (var file in form.Files)
            {
                using var data = new MemoryStream();
                await file.CopyToAsync(data);
                parts.Add(new FakeMultipartPart(file.Name, file.FileName, file.ContentType, data.ToArray()));
            }
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync();
        }

        var path = context.Request.Path.Value ?? string.Empty;
        var request = new FakeDiscordRequest(context.Request.Method, path, headers, context.Request.ContentType, body, parts, receivedAt);
        lock (gate)
        {
            requests.Add(request);
        }

        return request;
    }

    private FakeDiscordResponse? Scripted(FakeDiscordRequest request)
    {
        lock (gate)
        {
            foreach (var (method, fragment, answers) in scripts)
            {
                if (method == request.Method && request.Path.Contains(fragment, StringComparison.Ordinal) && answers.Count > 0)
                {
                    return answers.Dequeue();
                }
            }
        }

        return null;
    }

    private FakeDiscordResponse Default(FakeDiscordRequest request)
    {
        var path = request.Path.StartsWith("/api/v10", StringComparison.Ordinal) ? request.Path["/api/v10".Length..] : request.Path;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (request.Method)
        {
            case "GET" when path == "/gateway/bot":
                return FakeDiscordResponse.Json(new JsonObject
                {
                    ["url"] = GatewayUrl,
                    ["shards"] = 1,
                    ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = SessionStartRemaining, ["reset_after"] = SessionStartResetAfterMs, ["max_concurrency"] = 1 },
                }.ToJsonString());
            case "PUT" when segments is ["applications", _, "commands"] or ["applications", _, "guilds", _, "commands"]:
                var commands = JsonNode.Parse(request.Body)!.AsArray();
                foreach (var command in commands)
                {
                    command!["id"] = NextId();
                    command["application_id"] = segments[1];
                }

                lock (gate)
                {
                    registered[segments.Length == 3 ? GlobalScope : segments[3]] = commands.DeepClone().AsArray();
                }

                return FakeDiscordResponse.Json(commands.ToJsonString());
            case "POST" when segments is ["interactions", _, _, "callback"]:
                return new FakeDiscordResponse(204);
            case "PATCH" when segments is ["webhooks", _, _, "messages", "@original"]:
                return FakeDiscordResponse.Json($$"""{"id":"{{NextId()}}"}""");
            case "POST" when segments is ["channels", _, "messages"]:
                return FakeDiscordResponse.Json($$"""{"id":"{{NextId()}}","channel_id":"{{segments[1]}}"}""");
            default:
                return new FakeDiscordResponse(404, """{"message":"404: Not Found","code":0}""");
        }
    }
}

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StockBot.Testing.Discord;

/// <summary>
/// One client connection to the fake gateway: sends Hello, answers Identify with READY, Resume with
/// RESUMED and heartbeats with ACKs (unless the fake drops them); records what the client sent;
/// lets a test send op 7, op 9, dispatches, or close with any code.
/// </summary>
public sealed class FakeGatewayConnection
{
    private readonly FakeDiscord fake;
    private readonly WebSocket socket;
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly List<JsonElement> received = [];
    private readonly Lock gate = new();
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long sequence;

    internal FakeGatewayConnection(FakeDiscord fake, WebSocket socket, int number, string query)
    {
        this.fake = fake;
        this.socket = socket;
        Number = number;
        Query = query;
    }

    public int Number { get; }

    /// <summary>When the client's WebSocket was accepted.</summary>
    public DateTimeOffset OpenedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The reason of the client's close frame, when it sent one.</summary>
    public string? ClientCloseReason { get; private set; }

    /// <summary>The connect URL's query, e.g. "?v=10&amp;encoding=json".</summary>
    public string Query { get; }

    public string? SessionId { get; private set; }

    /// <summary>The close code the client sent, when it closed.</summary>
    public int? ClientCloseCode { get; private set; }

    public Task Closed => closed.Task;

    public IReadOnlyList<JsonElement> Received
    {
        get
        {
            lock (gate)
            {
                return received.ToList();
            }
        }
    }

    public int Heartbeats => Received.Count(p => p.GetProperty("op").GetInt32() == 1);

    public JsonElement? Identify => Received.Where(p => p.GetProperty("op").GetInt32() == 2).Select(p => (JsonElement?)p.GetProperty("d")).FirstOrDefault();

    public JsonElement? Resume => Received.Where(p => p.GetProperty("op").GetInt32() == 6).Select(p => (JsonElement?)p.GetProperty("d")).FirstOrDefault();

    public Task<JsonElement> WaitForOpAsync(int op, TimeSpan? timeout = null, int count = 1) =>
        fake.WaitAsync<object>(() => Received.Where(p => p.GetProperty("op").GetInt32() == op).Skip(count - 1).Select(p => (object)p).FirstOrDefault(), timeout, $"op {op} x{count} on connection #{Number}")
            .ContinueWith(t => (JsonElement)t.Result, TaskScheduler.Default);

    public async Task WaitForCloseAsync(TimeSpan? timeout = null) =>
        await closed.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));

    public Task SendAsync(JsonNode payload) => SendRawAsync(payload.ToJsonString());

    public Task SendDispatchAsync(string type, JsonNode data) =>
        SendAsync(new JsonObject { ["op"] = 0, ["s"] = Interlocked.Increment(ref sequence), ["t"] = type, ["d"] = data });

    /// <summary>INTERACTION_CREATE with this interaction object.</summary>
    public Task SendInteractionAsync(JsonObject interaction)
    {
        fake.Track(interaction);
        return SendDispatchAsync("INTERACTION_CREATE", interaction);
    }

    public Task SendReconnectAsync() => SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });

    public Task SendInvalidSessionAsync(bool resumable) => SendAsync(new JsonObject { ["op"] = 9, ["d"] = resumable });

    /// <summary>Asks the client for a heartbeat at once (op 1 from the server).</summary>
    public Task RequestHeartbeatAsync() => SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });

    public async Task CloseAsync(int code, string reason = "closed by the fake")
    {
        await sendLock.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // Already gone.
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame.</summary>
    public void Abort() => socket.Abort();

    internal async Task RunAsync(int heartbeatIntervalMs)
    {
        try
        {
            await SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = heartbeatIntervalMs }, ["s"] = null, ["t"] = null });
            var buffer = new byte[64 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        ClientCloseCode = (int?)result.CloseStatus;
                        ClientCloseReason = result.CloseStatusDescription;
                        await CloseAsync(ClientCloseCode ?? 1000, "bye");
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                JsonElement payload;
                using (var document = JsonDocument.Parse(message.ToArray()))
                {
                    payload = document.RootElement.Clone();
                }

                lock (gate)
                {
                    received.Add(payload);
                }

                await OnPayloadAsync(payload);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client dropped the connection.
        }
        finally
        {
            closed.TrySetResult();
        }
    }

    private async Task OnPayloadAsync(JsonElement payload)
    {
        switch (payload.GetProperty("op").GetInt32())
        {
            case 1 when !fake.DropHeartbeatAcks:
                await SendAsync(new JsonObject { ["op"] = 11 });
                break;
            case 2:
                fake.SessionStartRemaining = Math.Max(0, fake.SessionStartRemaining - 1);
                var (sessionId, _) = fake.NewSession();
                SessionId = sessionId;
                await SendDispatchAsync("READY", new JsonObject
                {
                    ["v"] = 10,
                    ["session_id"] = sessionId,
                    ["resume_gateway_url"] = fake.ResumeGatewayUrl ?? fake.GatewayUrl,
                    ["application"] = new JsonObject { ["id"] = fake.ApplicationId, ["flags"] = 0 },
                    ["user"] = new JsonObject { ["id"] = fake.ApplicationId, ["username"] = "StockBot", ["bot"] = true },
                    ["guilds"] = new JsonArray(),
                });
                break;
            case 6:
                var data = payload.GetProperty("d");
                var resumed = data.GetProperty("session_id").GetString();
                if (!fake.KnowsSession(resumed))
                {
                    await SendInvalidSessionAsync(false);
                    break;
                }

                SessionId = resumed;
                if (data.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number)
                {
                    Interlocked.Exchange(ref sequence, seq.GetInt64());
                }

                await SendDispatchAsync("RESUMED", new JsonObject());
                break;
        }
    }

    private async Task SendRawAsync(string json)
    {
        await sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sendLock.Release();
        }
    }
}

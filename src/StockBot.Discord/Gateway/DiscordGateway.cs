using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Discord.Rest;

namespace StockBot.Discord.Gateway;

public enum GatewayStatus
{
    Stopped,
    Connecting,
    Ready,

    /// <summary>A fatal close (bad token, disallowed intents...): the bot stopped, the process did not.</summary>
    Failed,
}

/// <summary>A dispatch (op 0) event: its name and its data, detached from the socket buffer.</summary>
public sealed record GatewayDispatch(string Type, JsonElement Data);

/// <summary>
/// Discord's gateway (v10, JSON) on ClientWebSocket: Hello and heartbeats (initial jitter, ACK
/// tracking, zombie detection), Identify with intents 0, READY, Resume after op 7, op 9 true, a
/// resumable close or a dropped socket; a new session after op 9 false, 4007 or 4009; backoff
/// with jitter; a fatal close (4004, 4010-4014) stops the bot with one clear error line.
/// </summary>
public sealed partial class DiscordGateway(DiscordRestClient rest, IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordGateway> logger)
{
    private const int ZombieCloseCode = 4000;

    private readonly DiscordOptions settings = options.Value;
    private long sequence = -1;

    public GatewayStatus Status { get; private set; } = GatewayStatus.Stopped;

    public string? SessionId { get; private set; }

    public string? ApplicationId { get; private set; }

    public string? FatalError { get; private set; }

    /// <summary>Good connections so far (READY or RESUMED), for tests and health.</summary>
    public int Connections { get; private set; }

    private Uri? ResumeUrl { get; set; }

    private long? Sequence => Interlocked.Read(ref sequence) is var s && s >= 0 ? s : null;

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or a fatal close; each dispatch goes to <paramref name="onDispatch"/> on its own task.</summary>
    public async Task RunAsync(Func<GatewayDispatch, Task> onDispatch, CancellationToken cancellationToken)
    {
        var failures = 0;
        var resume = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            Status = GatewayStatus.Connecting;
            Outcome outcome;
            try
            {
                if (!resume || ResumeUrl is null || SessionId is null)
                {
                    resume = false;
                    SessionId = null;
                    Interlocked.Exchange(ref sequence, -1);
                }

                var url = resume ? ResumeUrl! : await GatewayUrlAsync(cancellationToken);
                outcome = await RunConnectionAsync(url, resume, onDispatch, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (FatalGatewayException fatal)
            {
                outcome = new Outcome(OutcomeKind.Fatal, false, fatal.Message);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or JsonException or TimeoutException or GatewayUnavailableException)
            {
                LogConnectionFailed(logger, ex.Message);
                outcome = new Outcome(OutcomeKind.Resume, false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            switch (outcome.Kind)
            {
                case OutcomeKind.Fatal:
                    Status = GatewayStatus.Failed;
                    FatalError = outcome.Reason;
                    LogFatal(logger, outcome.Reason ?? "fatal gateway error");
                    return;
                case OutcomeKind.NewSession:
                    resume = false;
                    SessionId = null;
                    break;
                default:
                    resume = SessionId is not null;
                    break;
            }

            failures = outcome.WasReady ? 0 : failures + 1;
            var delay = outcome.Kind == OutcomeKind.NewSession && outcome.Reason == "invalid session" ? settings.InvalidSessionDelay
                : outcome.Immediate ? TimeSpan.Zero
                : Backoff(failures, settings.ReconnectDelay, settings.MaxReconnectDelay);
            LogReconnecting(logger, resume ? "resume" : "identify", delay);
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Status = GatewayStatus.Stopped;
    }

    /// <summary>1 s doubling per failed attempt, with ±20 % jitter, capped.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan first, TimeSpan cap)
    {
        var baseTicks = Math.Min(cap.Ticks, first.Ticks * (1L << Math.Clamp(failures, 0, 16)));
        var jittered = (long)(baseTicks * (0.8 + (Random.Shared.NextDouble() * 0.4)));
        return TimeSpan.FromTicks(Math.Min(cap.Ticks, jittered));
    }

    internal static bool IsFatal(int closeCode) => closeCode is 4004 or (>= 4010 and <= 4014);

    internal static string DescribeClose(int code) => code switch
    {
        4004 => "Discord rejected the bot token (close 4004 Authentication failed): check Discord:Token",
        4010 => "Discord refused the shard (close 4010 Invalid shard)",
        4011 => "Discord requires sharding for this bot (close 4011 Sharding required)",
        4012 => "Discord refused the API version (close 4012 Invalid API version)",
        4013 => "Discord refused the intents (close 4013 Invalid intents)",
        4014 => "Discord refused a privileged intent (close 4014 Disallowed intents)",
        _ => $"Discord closed the gateway with {code}",
    };

    private async Task<Uri> GatewayUrlAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(settings.GatewayUrl))
        {
            return new Uri(settings.GatewayUrl);
        }

        var response = await rest.SendJsonAsync(DiscordRoute.GatewayBot(), null, cancellationToken);
        if (response.StatusCode == 401)
        {
            throw new FatalGatewayException("Discord rejected the bot token (401 on GET /gateway/bot): check Discord:Token");
        }

        if (!response.IsSuccess)
        {
            throw new GatewayUnavailableException($"GET /gateway/bot failed: {response.Describe()}");
        }

        var url = response.Json().GetProperty("url").GetString();
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new GatewayUnavailableException("GET /gateway/bot gave no usable url");
    }

    private async Task<Outcome> RunConnectionAsync(Uri url, bool resume, Func<GatewayDispatch, Task> onDispatch, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connectTimeout.CancelAfter(settings.RequestTimeout);
            await socket.ConnectAsync(WithVersion(url), connectTimeout.Token);
        }

        using var connection = new Connection(socket);
        var hello = await ReceiveAsync(connection, cancellationToken);
        if (hello.CloseCode is { } early)
        {
            return Closed(early);
        }

        if (hello.Op != 10)
        {
            throw new GatewayUnavailableException($"expected Hello (op 10), got op {hello.Op}");
        }

        var interval = TimeSpan.FromMilliseconds(hello.Data.GetProperty("heartbeat_interval").GetDouble());
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(connection, interval, heartbeatStop.Token);
        try
        {
            if (resume)
            {
                LogResuming(logger, Sequence);
                await connection.SendAsync(Payload(6, new JsonObject { ["token"] = settings.Token, ["session_id"] = SessionId, ["seq"] = Sequence }), cancellationToken);
            }
            else
            {
                await connection.SendAsync(Payload(2, new JsonObject
                {
                    ["token"] = settings.Token,
                    ["intents"] = 0,
                    ["properties"] = new JsonObject { ["os"] = "linux", ["browser"] = "stockbot", ["device"] = "stockbot" },
                }), cancellationToken);
            }

            return await ReceiveLoopAsync(connection, onDispatch, cancellationToken);
        }
        catch (WebSocketException) when (!cancellationToken.IsCancellationRequested)
        {
            // A dropped socket (or one we aborted as a zombie): resume.
            return new Outcome(OutcomeKind.Resume, connection.WasReady);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            try
            {
                await heartbeat;
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // The heartbeat ends with its connection.
            }
        }
    }

    private async Task<Outcome> ReceiveLoopAsync(Connection connection, Func<GatewayDispatch, Task> onDispatch, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await ReceiveAsync(connection, cancellationToken);
            if (message.CloseCode is { } code)
            {
                if (connection.Zombie)
                {
                    return new Outcome(OutcomeKind.Resume, connection.WasReady);
                }

                await connection.CloseQuietlyAsync(WebSocketCloseStatus.NormalClosure, "closed");
                return Closed(code) with { WasReady = connection.WasReady };
            }

            if (message.Sequence is { } s)
            {
                Interlocked.Exchange(ref sequence, s);
            }

            switch (message.Op)
            {
                case 0:
                    OnDispatch(connection, message, onDispatch);
                    break;
                case 1:
                    await connection.SendAsync(Payload(1, Sequence is { } seq ? JsonValue.Create(seq) : null), cancellationToken);
                    break;
                case 7:
                    LogReconnectRequested(logger);
                    await connection.CloseQuietlyAsync((WebSocketCloseStatus)ZombieCloseCode, "reconnect");
                    return new Outcome(OutcomeKind.Resume, connection.WasReady, Immediate: true);
                case 9:
                    var resumable = message.Data.ValueKind == JsonValueKind.True;
                    LogInvalidSession(logger, resumable);
                    if (resumable)
                    {
                        await connection.CloseQuietlyAsync((WebSocketCloseStatus)ZombieCloseCode, "invalid session");
                        return new Outcome(OutcomeKind.Resume, connection.WasReady, Immediate: true);
                    }

                    await connection.CloseQuietlyAsync(WebSocketCloseStatus.NormalClosure, "invalid session");
                    return new Outcome(OutcomeKind.NewSession, connection.WasReady, "invalid session");
                case 11:
                    connection.AwaitingAck = false;
                    break;
            }
        }
    }

    private void OnDispatch(Connection connection, Message message, Func<GatewayDispatch, Task> onDispatch)
    {
        var type = message.Type ?? string.Empty;
        if (type == "READY")
        {
            SessionId = message.Data.GetProperty("session_id").GetString();
            ResumeUrl = message.Data.TryGetProperty("resume_gateway_url", out var resumeUrl) && Uri.TryCreate(resumeUrl.GetString(), UriKind.Absolute, out var parsed) ? parsed : null;
            ApplicationId = message.Data.TryGetProperty("application", out var app) ? app.GetProperty("id").GetString() : ApplicationId;
            var user = message.Data.TryGetProperty("user", out var u) && u.TryGetProperty("username", out var name) ? name.GetString() : null;
            MarkReady(connection);
            LogReady(logger, user ?? "?", ApplicationId ?? "?");
        }
        else if (type == "RESUMED")
        {
            MarkReady(connection);
            LogResumed(logger);
        }

        var dispatch = new GatewayDispatch(type, message.Data);
        _ = Task.Run(async () =>
        {
            try
            {
                await onDispatch(dispatch);
            }
            catch (Exception ex)
            {
                LogDispatchFailed(logger, ex, type);
            }
        });
    }

    private void MarkReady(Connection connection)
    {
        connection.WasReady = true;
        Status = GatewayStatus.Ready;
        Connections++;
    }

    private async Task HeartbeatAsync(Connection connection, TimeSpan interval, CancellationToken cancellationToken)
    {
        await Task.Delay(interval * Random.Shared.NextDouble(), time, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (connection.AwaitingAck)
            {
                // No ACK since the last heartbeat: a zombie connection. Close with a non-1000 code, so the session stays resumable.
                LogZombie(logger, interval);
                connection.Zombie = true;
                await connection.CloseQuietlyAsync((WebSocketCloseStatus)ZombieCloseCode, "no heartbeat ack");
                await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken);
                connection.Socket.Abort();
                return;
            }

            connection.AwaitingAck = true;
            await connection.SendAsync(Payload(1, Sequence is { } seq ? JsonValue.Create(seq) : null), cancellationToken);
            await Task.Delay(interval, time, cancellationToken);
        }
    }

    private static async Task<Message> ReceiveAsync(Connection connection, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var result = await connection.Socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new Message(-1, default, null, null, (int?)connection.Socket.CloseStatus ?? 1005);
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                break;
            }
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var root = document.RootElement;
        var op = root.GetProperty("op").GetInt32();
        var data = root.TryGetProperty("d", out var d) ? d.Clone() : default;
        long? seq = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
        var type = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return new Message(op, data, seq, type, null);
    }

    private static Outcome Closed(int code) =>
        IsFatal(code) ? new Outcome(OutcomeKind.Fatal, false, DescribeClose(code))
        : code is 4007 or 4009 ? new Outcome(OutcomeKind.NewSession, false, $"close {code}")
        : new Outcome(OutcomeKind.Resume, false, $"close {code}");

    private static JsonObject Payload(int op, JsonNode? data) => new() { ["op"] = op, ["d"] = data };

    private static Uri WithVersion(Uri url)
    {
        if (url.Query.Contains("v=", StringComparison.Ordinal))
        {
            return url;
        }

        var builder = new UriBuilder(url);
        builder.Query = string.IsNullOrEmpty(builder.Query) ? "v=10&encoding=json" : builder.Query.TrimStart('?') + "&v=10&encoding=json";
        return builder.Uri;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway ready as {User} (application {ApplicationId})")]
    private static partial void LogReady(ILogger logger, string user, string applicationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway session resumed")]
    private static partial void LogResumed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the Discord session at sequence {Sequence}")]
    private static partial void LogResuming(ILogger logger, long? sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord asked for a reconnect (op 7)")]
    private static partial void LogReconnectRequested(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord invalidated the session (op 9, resumable: {Resumable})")]
    private static partial void LogInvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No heartbeat ACK from Discord within {Interval}: reconnecting")]
    private static partial void LogZombie(ILogger logger, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection failed: {Error}")]
    private static partial void LogConnectionFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway reconnecting ({Mode}) in {Delay}")]
    private static partial void LogReconnecting(ILogger logger, string mode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord bot stopped: {Reason}. The rest of StockBot keeps running.")]
    private static partial void LogFatal(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling the Discord {Type} event failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string type);

    private enum OutcomeKind
    {
        Resume,
        NewSession,
        Fatal,
    }

    private sealed record Outcome(OutcomeKind Kind, bool WasReady, string? Reason = null, bool Immediate = false);

    private readonly record struct Message(int Op, JsonElement Data, long? Sequence, string? Type, int? CloseCode);

    private sealed class Connection(ClientWebSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim sendLock = new(1, 1);

        public ClientWebSocket Socket => socket;

        public volatile bool AwaitingAck;
        public volatile bool Zombie;
        public volatile bool WasReady;

        public async Task SendAsync(JsonNode payload, CancellationToken cancellationToken)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString());
            await sendLock.WaitAsync(cancellationToken);
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken);
            }
            finally
            {
                sendLock.Release();
            }
        }

        public void Dispose() => sendLock.Dispose();

        public async Task CloseQuietlyAsync(WebSocketCloseStatus status, string reason)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await sendLock.WaitAsync(timeout.Token);
                try
                {
                    if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(status, reason, timeout.Token);
                    }
                }
                finally
                {
                    sendLock.Release();
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Closing a broken socket: nothing more to do.
            }
        }
    }

    private sealed class FatalGatewayException(string message) : Exception(message);

    private sealed class GatewayUnavailableException(string message) : Exception(message);
}

using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace StockBot.Discord.Gateway;

/// <summary>
/// One gateway connection from Hello to its end: the heartbeat, Identify (intents 0) or Resume,
/// then the receive loop; READY and RESUMED mark it good. Each dispatch goes to its handler on
/// its own task, so a slow command never holds up heartbeats or other events.
/// </summary>
internal sealed partial class GatewayConnection(
    GatewaySocket socket,
    GatewaySession session,
    string token,
    TimeProvider time,
    ILogger logger,
    Action<bool> onReady,
    Func<GatewayDispatch, Task> onDispatch)
{
    private static readonly TimeSpan ZombieCloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long a shutdown waits for Discord to answer our close frame before dropping the socket.</summary>
    private static readonly TimeSpan ShutdownCloseGrace = TimeSpan.FromSeconds(2);
    private static readonly IdentifyProperties Properties = new("linux", "stockbot", "stockbot");

    private volatile bool wasReady;
    private GatewayHeartbeat? heartbeat;

    public async Task<ConnectionOutcome> RunAsync(bool resume, CancellationToken cancellationToken)
    {
        // Receives do not take the stopping token: cancelling a ClientWebSocket operation aborts the socket,
        // and a shutdown must close it with 1000 and a close frame instead (which ends the session on Discord's side).
        using var receiveStop = new CancellationTokenSource();
        using var onShutdown = cancellationToken.Register(() => _ = CloseForShutdownAsync(receiveStop));
        var hello = await ReceiveAsync(receiveStop.Token);
        if (hello.CloseCode is { } early)
        {
            return GatewaySession.Closed(early, wasReady: false);
        }

        if (hello.Payload!.Op != GatewayOpcode.Hello)
        {
            throw new GatewayUnavailableException($"expected Hello (op {(int)GatewayOpcode.Hello}), got op {(int)hello.Payload.Op}");
        }

        var interval = TimeSpan.FromMilliseconds(hello.Payload.D.Deserialize(DiscordJsonContext.Default.HelloData)!.HeartbeatInterval);
        heartbeat = new GatewayHeartbeat(interval, time, SendHeartbeatAsync, OnZombieAsync, logger);
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var beating = heartbeat.RunAsync(heartbeatStop.Token);
        try
        {
            if (resume)
            {
                LogResuming(logger, session.Sequence);
                var data = new ResumeData(token, session.SessionId, session.Sequence);
                await socket.SendAsync(new GatewayCommand<ResumeData>(GatewayOpcode.Resume, data), DiscordJsonContext.Default.GatewayCommandResumeData, cancellationToken);
            }
            else
            {
                var data = new IdentifyData(token, GatewayIntents.None, Properties);
                await socket.SendAsync(new GatewayCommand<IdentifyData>(GatewayOpcode.Identify, data), DiscordJsonContext.Default.GatewayCommandIdentifyData, cancellationToken);
            }

            return await ReceiveLoopAsync(receiveStop.Token, cancellationToken);
        }
        catch (WebSocketException) when (!cancellationToken.IsCancellationRequested)
        {
            // A dropped socket (or one we aborted as a zombie): resume.
            return new ConnectionOutcome(OutcomeKind.Resume, wasReady);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            try
            {
                await beating;
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // The heartbeat ends with its connection.
            }
        }
    }

    private async Task<ConnectionOutcome> ReceiveLoopAsync(CancellationToken receiveToken, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await ReceiveAsync(receiveToken);
            if (message.CloseCode is { } code)
            {
                if (heartbeat!.IsZombie)
                {
                    return new ConnectionOutcome(OutcomeKind.Resume, wasReady);
                }

                await socket.CloseQuietlyAsync(GatewayCloseCode.NormalClosure, "closed");
                return GatewaySession.Closed(code, wasReady);
            }

            var payload = message.Payload!;
            session.Observe(payload.S);
            switch (payload.Op)
            {
                case GatewayOpcode.Dispatch:
                    OnDispatch(payload);
                    break;
                case GatewayOpcode.Heartbeat:
                    await SendHeartbeatAsync(cancellationToken);
                    break;
                case GatewayOpcode.Reconnect:
                    LogReconnectRequested(logger);
                    await socket.CloseQuietlyAsync(GatewayCloseCode.UnknownError, "reconnect");
                    return new ConnectionOutcome(OutcomeKind.Resume, wasReady, Immediate: true);
                case GatewayOpcode.InvalidSession:
                    var resumable = payload.D.ValueKind == JsonValueKind.True;
                    LogInvalidSession(logger, resumable);
                    if (resumable)
                    {
                        await socket.CloseQuietlyAsync(GatewayCloseCode.UnknownError, "invalid session");
                        return new ConnectionOutcome(OutcomeKind.Resume, wasReady, Immediate: true);
                    }

                    await socket.CloseQuietlyAsync(GatewayCloseCode.NormalClosure, "invalid session");
                    return new ConnectionOutcome(OutcomeKind.InvalidSession, wasReady, "invalid session");
                case GatewayOpcode.HeartbeatAck:
                    heartbeat!.Acknowledge();
                    break;
            }
        }
    }

    private void OnDispatch(GatewayPayload payload)
    {
        var type = payload.T ?? string.Empty;
        if (type == GatewayEvents.Ready)
        {
            var ready = payload.D.Deserialize(DiscordJsonContext.Default.ReadyData)!;
            session.OnReady(ready);
            MarkReady(newSession: true);
            LogReady(logger, ready.User?.Username ?? "?", session.ApplicationId ?? "?");
        }
        else if (type == GatewayEvents.Resumed)
        {
            MarkReady(newSession: false);
            LogResumed(logger);
        }

        var dispatch = new GatewayDispatch(type, payload.D, time.GetUtcNow());
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

    private void MarkReady(bool newSession)
    {
        wasReady = true;
        onReady(newSession);
    }

    /// <summary>Close code 1000 with a close frame; Discord's answering close ends the receive loop, else the grace does.</summary>
    private async Task CloseForShutdownAsync(CancellationTokenSource receiveStop)
    {
        try
        {
            LogClosing(logger);
            await socket.CloseQuietlyAsync(GatewayCloseCode.NormalClosure, "shutting down");
            receiveStop.CancelAfter(ShutdownCloseGrace);
        }
        catch (ObjectDisposedException)
        {
            // The connection ended meanwhile.
        }
    }

    private Task SendHeartbeatAsync(CancellationToken cancellationToken) =>
        socket.SendAsync(new GatewayCommand<long?>(GatewayOpcode.Heartbeat, session.Sequence), DiscordJsonContext.Default.GatewayCommandNullableInt64, cancellationToken);

    /// <summary>Closes with a code other than 1000/1001, so the session stays resumable, then drops the socket to end the receive loop.</summary>
    private async Task OnZombieAsync(CancellationToken cancellationToken)
    {
        await socket.CloseQuietlyAsync(GatewayCloseCode.UnknownError, "no heartbeat ack");
        await Task.Delay(ZombieCloseGrace, time, cancellationToken);
        socket.Abort();
    }

    private async Task<(GatewayPayload? Payload, int? CloseCode)> ReceiveAsync(CancellationToken cancellationToken)
    {
        var frame = await socket.ReceiveAsync(cancellationToken);
        return frame.CloseCode is { } code
            ? (null, code)
            : (JsonSerializer.Deserialize(frame.Text.Span, DiscordJsonContext.Default.GatewayPayload) ?? throw new JsonException("an empty gateway frame"), null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway ready as {User} (application {ApplicationId})")]
    private static partial void LogReady(ILogger logger, string user, string applicationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing the Discord gateway (1000): shutting down")]
    private static partial void LogClosing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway session resumed")]
    private static partial void LogResumed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the Discord session at sequence {Sequence}")]
    private static partial void LogResuming(ILogger logger, long? sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord asked for a reconnect (op 7)")]
    private static partial void LogReconnectRequested(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord invalidated the session (op 9, resumable: {Resumable})")]
    private static partial void LogInvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling the Discord {Type} event failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string type);
}

using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json.Serialization.Metadata;

namespace StockBot.Discord.Gateway;

/// <summary>The WebSocket under the gateway: connect, whole text frames in and out (one sender at a time), close with a code.</summary>
internal sealed class GatewaySocket : IDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);

    private GatewaySocket()
    {
        // Discord's heartbeats keep the connection alive; WebSocket pings would only add noise.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    public static async Task<GatewaySocket> ConnectAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var gatewaySocket = new GatewaySocket();
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(timeout);
            await gatewaySocket.socket.ConnectAsync(WithVersion(url), connectTimeout.Token);
            return gatewaySocket;
        }
        catch
        {
            gatewaySocket.Dispose();
            throw;
        }
    }

    public async Task SendAsync<T>(T payload, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            // Not the caller's token: cancelling a ClientWebSocket send aborts the socket, and a shutdown closes it properly instead.
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sendLock.Release();
        }
    }

    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(8192), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new GatewayFrame(ReadOnlyMemory<byte>.Empty, (int?)socket.CloseStatus ?? (int)GatewayCloseCode.NoStatus);
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return new GatewayFrame(buffer.WrittenMemory, null);
            }
        }
    }

    /// <summary>Sends a close frame if the socket still takes one; a broken socket is left as it is.</summary>
    public async Task CloseQuietlyAsync(GatewayCloseCode code, string reason)
    {
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await sendLock.WaitAsync(timeout.Token);
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
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

    /// <summary>Drops the connection without a close handshake; a pending receive ends with a WebSocketException.</summary>
    public void Abort() => socket.Abort();

    public void Dispose()
    {
        socket.Dispose();
        sendLock.Dispose();
    }

    private static Uri WithVersion(Uri url)
    {
        if (url.Query.Contains("v=", StringComparison.Ordinal))
        {
            return url;
        }

        var builder = new UriBuilder(url);
        builder.Query = string.IsNullOrEmpty(builder.Query) ? GatewayVersion.Query : builder.Query.TrimStart('?') + "&" + GatewayVersion.Query;
        return builder.Uri;
    }
}

using Microsoft.Extensions.Logging;

namespace StockBot.Discord.Gateway;

/// <summary>What the heartbeat does on a beat.</summary>
internal enum HeartbeatTick
{
    Send,

    /// <summary>No ACK came since the last beat: the connection is a zombie.</summary>
    Zombie,
}

/// <summary>
/// The heartbeat of one connection: the first beat after interval × random(0..1), then one per
/// interval; each beat waits for its ACK, and a beat whose predecessor got none declares the
/// connection a zombie and hands it to <paramref name="onZombie"/> instead of beating again.
/// </summary>
internal sealed partial class GatewayHeartbeat(
    TimeSpan interval,
    TimeProvider time,
    Func<CancellationToken, Task> sendHeartbeat,
    Func<CancellationToken, Task> onZombie,
    ILogger logger,
    Func<double>? firstBeatFraction = null)
{
    private volatile bool awaitingAck;
    private volatile bool zombie;

    public bool IsZombie => zombie;

    public void Acknowledge() => awaitingAck = false;

    /// <summary>Decides one beat: send (and wait for its ACK), or give up on a zombie.</summary>
    public HeartbeatTick Tick()
    {
        if (awaitingAck)
        {
            zombie = true;
            return HeartbeatTick.Zombie;
        }

        awaitingAck = true;
        return HeartbeatTick.Send;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var fraction = (firstBeatFraction ?? Random.Shared.NextDouble)();
        await Task.Delay(interval * fraction, time, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Tick() == HeartbeatTick.Zombie)
            {
                LogZombie(logger, interval);
                await onZombie(cancellationToken);
                return;
            }

            await sendHeartbeat(cancellationToken);
            await Task.Delay(interval, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No heartbeat ACK from Discord within {Interval}: reconnecting")]
    private static partial void LogZombie(ILogger logger, TimeSpan interval);
}

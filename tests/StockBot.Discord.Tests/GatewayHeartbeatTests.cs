using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StockBot.Discord.Gateway;

namespace StockBot.Discord.Tests;

public sealed class GatewayHeartbeatTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(40);

    [Fact]
    public void Tick_AckBetweenBeats_KeepsSending()
    {
        var heartbeat = New(new FakeTimeProvider());

        Assert.Equal(HeartbeatTick.Send, heartbeat.Tick());
        heartbeat.Acknowledge();
        Assert.Equal(HeartbeatTick.Send, heartbeat.Tick());
        heartbeat.Acknowledge();
        Assert.Equal(HeartbeatTick.Send, heartbeat.Tick());

        Assert.False(heartbeat.IsZombie);
    }

    [Fact]
    public void Tick_NoAckSinceTheLastBeat_IsAZombie()
    {
        var heartbeat = New(new FakeTimeProvider());

        Assert.Equal(HeartbeatTick.Send, heartbeat.Tick());
        Assert.Equal(HeartbeatTick.Zombie, heartbeat.Tick());

        Assert.True(heartbeat.IsZombie);
    }

    [Fact]
    public async Task RunAsync_FirstBeatAfterTheJitteredFraction_ThenZombieWhenNoAckComes()
    {
        var time = new FakeTimeProvider();
        var beats = 0;
        var firstBeat = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var zombie = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heartbeat = new GatewayHeartbeat(
            Interval,
            time,
            _ =>
            {
                Interlocked.Increment(ref beats);
                firstBeat.TrySetResult();
                return Task.CompletedTask;
            },
            _ =>
            {
                zombie.TrySetResult();
                return Task.CompletedTask;
            },
            NullLogger.Instance,
            firstBeatFraction: () => 0.25);
        using var stop = new CancellationTokenSource();

        var running = heartbeat.RunAsync(stop.Token);
        time.Advance(Interval * 0.25 - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, Volatile.Read(ref beats));
        time.Advance(TimeSpan.FromMilliseconds(1));
        await firstBeat.Task.WaitAsync(TimeSpan.FromSeconds(5));

        // No ACK: the next beat finds the first unanswered. Fake time moves until the zombie is seen.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!zombie.Task.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the heartbeat never declared the zombie");
            time.Advance(Interval);
            await Task.WhenAny(zombie.Task, Task.Delay(10));
        }

        await running.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, Volatile.Read(ref beats));
        Assert.True(heartbeat.IsZombie);
    }

    private static GatewayHeartbeat New(TimeProvider time) =>
        new(Interval, time, _ => Task.CompletedTask, _ => Task.CompletedTask, NullLogger.Instance, () => 0);
}

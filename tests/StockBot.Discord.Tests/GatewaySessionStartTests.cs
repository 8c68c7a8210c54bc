using Microsoft.Extensions.Logging;

namespace StockBot.Discord.Tests;

/// <summary>New sessions are scarce (1000 a day): resume falls back to Identify, identifies are paced, shutdown ends the session cleanly.</summary>
public sealed class GatewaySessionStartTests
{
    [Fact]
    public async Task RunAsync_ResumeUrlUnreachable_FallsBackToGatewayBotAndIdentify()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.ResumeGatewayUrl = "ws://127.0.0.1:1/gateway";
        harness.StartGateway();
        await harness.WaitForConnectionsAsync(1);
        var asked = harness.Fake.RequestsTo("GET", "/gateway/bot").Count;

        await harness.Fake.Connections[0].SendReconnectAsync();
        var second = await harness.Fake.WaitForConnectionAsync(2);
        await second.WaitForOpAsync(2);
        await harness.WaitForConnectionsAsync(2);

        Assert.Null(second.Resume);
        Assert.True(harness.Fake.RequestsTo("GET", "/gateway/bot").Count > asked, "a new session asks GET /gateway/bot first");
        Assert.Equal("fake-session-2", harness.Gateway.SessionId);
        Assert.Contains(harness.Logs.GetSnapshot(), l => l.Message.Contains("starting a new session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SessionStartLimitUsedUp_WaitsResetAfterBeforeIdentifyingAndWarnsOnce()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.SessionStartRemaining = 0;
        harness.Fake.SessionStartResetAfterMs = 800;
        harness.StartGateway();

        var connection = await harness.Fake.WaitForConnectionAsync(1);
        await connection.WaitForOpAsync(2);
        var asked = harness.Fake.RequestsTo("GET", "/gateway/bot")[0];

        Assert.True(connection.OpenedAt - asked.ReceivedAt >= TimeSpan.FromMilliseconds(790), $"identified {(connection.OpenedAt - asked.ReceivedAt).TotalMilliseconds} ms after the limit said 800");
        Assert.Single(harness.Logs.GetSnapshot(), l => l.Level == LogLevel.Warning && l.Message.Contains("session start limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NewSessionsInARow_AreBackedOffExponentially()
    {
        await using var harness = await DiscordClientHarness.StartAsync(s =>
        {
            s["Discord:IdentifyBackoff"] = "00:00:00.400";
            s["Discord:MaxIdentifyBackoff"] = "00:01:00";
        });
        harness.StartGateway();
        await harness.WaitForConnectionsAsync(1);

        await harness.Fake.Connections[0].SendInvalidSessionAsync(false);
        await harness.WaitForConnectionsAsync(2);
        await harness.Fake.Connections[1].SendInvalidSessionAsync(false);
        await harness.WaitForConnectionsAsync(3);

        var opened = harness.Fake.Connections.Select(c => c.OpenedAt).ToList();
        Assert.All(harness.Fake.Connections, c => Assert.NotNull(c.Identify));
        Assert.True(opened[1] - opened[0] >= TimeSpan.FromMilliseconds(390), $"the second identify came {(opened[1] - opened[0]).TotalMilliseconds} ms after the first");
        Assert.True(opened[2] - opened[1] >= TimeSpan.FromMilliseconds(790), $"the third identify came {(opened[2] - opened[1]).TotalMilliseconds} ms after the second");
    }

    [Fact]
    public async Task Stop_ClosesTheGatewayWith1000AndACloseFrame()
    {
        var harness = await DiscordClientHarness.StartAsync();
        harness.StartGateway();
        await harness.WaitForConnectionsAsync(1);
        var connection = harness.Fake.Connections[0];

        await harness.DisposeAsync();
        await connection.WaitForCloseAsync();

        Assert.Equal(1000, connection.ClientCloseCode);
        Assert.Equal("shutting down", connection.ClientCloseReason);
    }
}

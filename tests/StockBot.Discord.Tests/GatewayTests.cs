using Microsoft.Extensions.Logging;
using StockBot.Discord.Gateway;
using StockBot.Testing.Logging;

namespace StockBot.Discord.Tests;

public sealed class GatewayTests
{
    [Fact]
    public async Task RunAsync_Connect_IdentifiesWithIntentsZeroThenHeartbeatsWithTheSequence()
    {
        await using var harness = await DiscordClientHarness.StartAsync(heartbeatMs: 1500);
        harness.StartGateway();

        var connection = await harness.Fake.WaitForConnectionAsync(1);
        var identify = await connection.WaitForOpAsync(2);
        await harness.WaitForConnectionsAsync(1);
        var heartbeat = await connection.WaitForOpAsync(1, count: 2);

        Assert.Contains("v=10", connection.Query, StringComparison.Ordinal);
        Assert.Contains("encoding=json", connection.Query, StringComparison.Ordinal);
        var d = identify.GetProperty("d");
        Assert.Equal(TestSettings.Token, d.GetProperty("token").GetString());
        Assert.Equal(0, d.GetProperty("intents").GetInt32());
        Assert.True(d.GetProperty("properties").TryGetProperty("os", out _));
        Assert.Equal(1, heartbeat.GetProperty("d").GetInt64());
        Assert.Equal(GatewayStatus.Ready, harness.Gateway.Status);
        Assert.Equal("fake-session-1", harness.Gateway.SessionId);
        Assert.Equal(harness.Fake.ApplicationId, harness.Gateway.ApplicationId);
        Assert.Contains(harness.Dispatches, x => x.Type == "READY");
        Assert.Single(harness.Fake.Connections);
    }

    [Fact]
    public async Task RunAsync_ServerAsksForHeartbeat_SendsOneAtOnce()
    {
        await using var harness = await DiscordClientHarness.StartAsync(heartbeatMs: 30_000);
        harness.StartGateway();
        await harness.WaitForConnectionsAsync(1);
        var connection = harness.Fake.Connections[0];
        var before = connection.Heartbeats;

        await connection.RequestHeartbeatAsync();

        await harness.Fake.WaitAsync(() => connection.Heartbeats > before ? connection : null, TimeSpan.FromSeconds(2), "a heartbeat");
    }

    [Fact]
    public async Task RunAsync_HeartbeatAcksStop_ClosesWith4000AndResumesTheSession()
    {
        await using var harness = await DiscordClientHarness.StartAsync(heartbeatMs: 150);
        harness.StartGateway();
        await harness.WaitForConnectionsAsync(1);
        var first = harness.Fake.Connections[0];

        harness.Fake.DropHeartbeatAcks = true;
        var second = await harness.Fake.WaitForConnectionAsync(2);
        harness.Fake.DropHeartbeatAcks = false;
        var resume = (await second.WaitForOpAsync(6)).GetProperty("d");
        await harness.WaitForConnectionsAsync(2);

        await first.WaitForCloseAsync();
        Assert.Equal(4000, first.ClientCloseCode);
        Assert.Equal("fake-session-1", resume.GetProperty("session_id").GetString());
        Assert.Equal(TestSettings.Token, resume.GetProperty("token").GetString());
        Assert.True(resume.GetProperty("seq").GetInt64() >= 1);
        Assert.Null(second.Identify);
        Assert.Contains(harness.Logs.GetSnapshot(), l => l.Message.Contains("No heartbeat ACK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_Op7Reconnect_ResumesOnANewConnection()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.StartGateway();
        await harness.WaitForConnectionsAsync(1);

        await harness.Fake.Connections[0].SendReconnectAsync();
        var second = await harness.Fake.WaitForConnectionAsync(2);
        var resume = await second.WaitForOpAsync(6);
        await harness.WaitForConnectionsAsync(2);

        Assert.Equal("fake-session-1", resume.GetProperty("d").GetProperty("session_id").GetString());
        Assert.Null(second.Identify);
        Assert.Contains(harness.Dispatches, x => x.Type == "RESUMED");
    }

    [Theory]
    [InlineData(true, 6)]
    [InlineData(false, 2)]
    public async Task RunAsync_InvalidSession_ResumesWhenResumableElseIdentifiesAnew(bool resumable, int expectedOp)
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.StartGateway();
        await harness.WaitForConnectionsAsync(1);

        await harness.Fake.Connections[0].SendInvalidSessionAsync(resumable);
        var second = await harness.Fake.WaitForConnectionAsync(2);
        await second.WaitForOpAsync(expectedOp);
        await harness.WaitForConnectionsAsync(2);

        Assert.Equal(resumable ? null : (int?)2, second.Identify is null ? null : 2);
        Assert.Equal(resumable ? "fake-session-1" : "fake-session-2", harness.Gateway.SessionId);
    }

    [Theory]
    [InlineData(4000, 6)]
    [InlineData(4008, 6)]
    [InlineData(4007, 2)]
    [InlineData(4009, 2)]
    public async Task RunAsync_ServerCloses_ResumesOrStartsANewSessionByCode(int code, int expectedOp)
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.StartGateway();
        await harness.WaitForConnectionsAsync(1);

        await harness.Fake.Connections[0].CloseAsync(code);
        var second = await harness.Fake.WaitForConnectionAsync(2);
        await second.WaitForOpAsync(expectedOp);
        await harness.WaitForConnectionsAsync(2);

        Assert.Equal(GatewayStatus.Ready, harness.Gateway.Status);
    }

    [Fact]
    public async Task RunAsync_SocketDropped_ResumesTheSession()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.StartGateway();
        await harness.WaitForConnectionsAsync(1);

        harness.Fake.Connections[0].Abort();
        var second = await harness.Fake.WaitForConnectionAsync(2);
        var resume = await second.WaitForOpAsync(6);

        Assert.Equal("fake-session-1", resume.GetProperty("d").GetProperty("session_id").GetString());
    }

    [Theory]
    [InlineData(4004, "Discord rejected the bot token")]
    [InlineData(4014, "Disallowed intents")]
    public async Task RunAsync_FatalCloseCode_StopsTheBotWithOneClearError(int code, string expected)
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.StartGateway();
        await harness.WaitForConnectionsAsync(1);

        await harness.Fake.Connections[0].CloseAsync(code, "fatal");
        await harness.Running.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(200);

        Assert.Equal(GatewayStatus.Failed, harness.Gateway.Status);
        Assert.Single(harness.Fake.Connections);
        var errors = harness.Logs.GetSnapshot().Where(l => l.Level >= LogLevel.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Contains("Discord bot stopped", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSettings.Token, harness.Logs.Transcript(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoGatewayUrlSetting_AsksGatewayBotWithTheBotHeaders()
    {
        await using var harness = await DiscordClientHarness.StartAsync(s => s["Discord:GatewayUrl"] = null);
        harness.StartGateway();
        await harness.WaitForConnectionsAsync(1);

        var request = Assert.Single(harness.Fake.RequestsTo("GET", "/api/v10/gateway/bot"));
        Assert.Equal($"Bot {TestSettings.Token}", request.Header("Authorization"));
        Assert.StartsWith("DiscordBot (", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_GatewayBotAnswers401_StopsTheBotWithoutConnecting()
    {
        await using var harness = await DiscordClientHarness.StartAsync(s => s["Discord:GatewayUrl"] = null);
        harness.Fake.Script("GET", "/gateway/bot", Testing.Discord.FakeDiscordResponse.Unauthorized());
        harness.StartGateway();

        await harness.Running.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(GatewayStatus.Failed, harness.Gateway.Status);
        Assert.Empty(harness.Fake.Connections);
        Assert.Contains("check Discord:Token", harness.Gateway.FatalError, StringComparison.Ordinal);
    }
}

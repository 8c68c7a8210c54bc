using StockBot.Core.Common;
using StockBot.Discord.Gateway;
using StockBot.Discord.Protocol;

namespace StockBot.Discord.Tests;

public sealed class GatewaySessionTests
{
    private static readonly TimeSpan InvalidSessionDelay = TimeSpan.FromSeconds(2);

    [Fact]
    public void After_Failures_DoublesFromTheFirstDelayAndCapsWithJitter()
    {
        var first = TimeSpan.FromSeconds(1);
        var cap = TimeSpan.FromSeconds(60);
        var session = new GatewaySession(new ExponentialBackoff(first, cap), InvalidSessionDelay);

        // A good connection drops, then nine attempts in a row fail.
        var delays = Enumerable.Range(0, 10)
            .Select(n => session.After(new ConnectionOutcome(OutcomeKind.Resume, WasReady: n == 0)).Delay)
            .ToList();

        Assert.InRange(delays[0].TotalSeconds, 0.8, 1.2);
        Assert.InRange(delays[3].TotalSeconds, 6.4, 9.6);
        Assert.All(delays, d => Assert.True(d <= cap));
        Assert.InRange(delays[9].TotalSeconds, 48, 60);
    }

    [Fact]
    public void After_GoodConnectionAgain_StartsFromTheFirstDelay()
    {
        var session = new GatewaySession(new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)), InvalidSessionDelay);
        for (var i = 0; i < 6; i++)
        {
            session.After(new ConnectionOutcome(OutcomeKind.Resume, WasReady: false));
        }

        var delay = session.After(new ConnectionOutcome(OutcomeKind.Resume, WasReady: true)).Delay;

        Assert.InRange(delay.TotalSeconds, 0.8, 1.2);
    }

    [Fact]
    public void After_ResumableEndWithAReadySession_ResumesAndImmediateMeansNoWait()
    {
        var session = ReadySession();

        var plan = session.After(new ConnectionOutcome(OutcomeKind.Resume, WasReady: true, Immediate: true));

        Assert.True(plan.Resume);
        Assert.Equal(TimeSpan.Zero, plan.Delay);
    }

    [Fact]
    public void After_InvalidSession_IdentifiesAnewAfterTheInvalidSessionDelay()
    {
        var session = ReadySession();

        var plan = session.After(new ConnectionOutcome(OutcomeKind.InvalidSession, WasReady: true));

        Assert.False(plan.Resume);
        Assert.Equal(InvalidSessionDelay, plan.Delay);
        Assert.Null(session.SessionId);
    }

    [Theory]
    [InlineData(4000, "Resume")]
    [InlineData(4008, "Resume")]
    [InlineData(1006, "Resume")]
    [InlineData(4007, "NewSession")]
    [InlineData(4009, "NewSession")]
    [InlineData(4004, "Fatal")]
    [InlineData(4010, "Fatal")]
    [InlineData(4011, "Fatal")]
    [InlineData(4012, "Fatal")]
    [InlineData(4013, "Fatal")]
    [InlineData(4014, "Fatal")]
    public void Closed_Code_ResumesStartsANewSessionOrStops(int code, string expected)
    {
        Assert.Equal(expected, GatewaySession.Closed(code, wasReady: true).Kind.ToString());
    }

    [Fact]
    public void Forget_AfterReady_DropsTheSessionAndTheSequence()
    {
        var session = ReadySession();
        session.Observe(42);

        session.Forget();

        Assert.Null(session.SessionId);
        Assert.Null(session.Sequence);
        Assert.False(session.CanResume);
        Assert.Equal("900000000000000001", session.ApplicationId);
    }

    private static GatewaySession ReadySession()
    {
        var session = new GatewaySession(new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)), InvalidSessionDelay);
        session.OnReady(new ReadyData("session-1", "wss://resume.example.com", new PartialApplication("900000000000000001"), new DiscordUser("1", "StockBot", null, true)));
        Assert.True(session.CanResume);
        return session;
    }
}

using Microsoft.Extensions.Time.Testing;

namespace StockBot.Storefront.Tests;

public sealed class HostGatesTests
{
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(1);

    // Off the 50 ms grid on purpose, so that a gap's end and its step differ.
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, 13, TimeSpan.Zero);

    [Fact]
    public async Task EnterAsync_GapAlreadyElapsed_TurnAtOnceWithoutATimer()
    {
        var time = new FakeTimeProvider(Start);
        var gates = new HostGates(time);
        var gate = gates.For(new Uri("https://a.example/"));
        (await gates.EnterAsync(gate, Gap, CancellationToken.None)).Dispose();
        time.Advance(Gap + TimeSpan.FromMilliseconds(1));

        var second = gates.EnterAsync(gate, Gap, CancellationToken.None);

        // Completed on the caller's thread: no wait, no step.
        Assert.True(second.IsCompletedSuccessfully);
        (await second).Dispose();
    }

    [Fact]
    public async Task EnterAsync_InsideTheGap_WaitsUntilTheGapsStepNeverBefore()
    {
        var time = new FakeTimeProvider(Start);
        var gates = new HostGates(time);
        var gate = gates.For(new Uri("https://a.example/"));
        (await gates.EnterAsync(gate, Gap, CancellationToken.None)).Dispose();
        var finished = time.GetUtcNow();

        var second = gates.EnterAsync(gate, Gap, CancellationToken.None);
        time.Advance(Gap - TimeSpan.FromMilliseconds(1));
        var beforeTheGap = second.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        var atTheGapOffTheGrid = second.IsCompleted;
        time.Advance(HostGates.StepAtOrAfter(finished + Gap) - time.GetUtcNow() + TimeSpan.FromMilliseconds(1));

        Assert.False(beforeTheGap);
        Assert.False(atTheGapOffTheGrid);
        Assert.True(second.IsCompletedSuccessfully);
        Assert.True(time.GetUtcNow() - finished >= Gap);
        Assert.True(time.GetUtcNow() - finished <= Gap + HostGates.GapStep + TimeSpan.FromMilliseconds(1));
        (await second).Dispose();
    }

    [Fact]
    public async Task EnterAsync_TwoHostsWhoseGapsEndInOneStep_LetGoTogether()
    {
        var time = new FakeTimeProvider(Start);
        var gates = new HostGates(time);
        var a = gates.For(new Uri("https://a.example/"));
        var b = gates.For(new Uri("https://b.example/"));
        (await gates.EnterAsync(a, Gap, CancellationToken.None)).Dispose();
        time.Advance(TimeSpan.FromMilliseconds(20));
        (await gates.EnterAsync(b, Gap, CancellationToken.None)).Dispose();
        // a's gap ends at .013 + 1 s, b's at .033 + 1 s: both in the step that ends at .050 + 1 s.

        var first = gates.EnterAsync(a, Gap, CancellationToken.None);
        var second = gates.EnterAsync(b, Gap, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(1000));
        var neitherBeforeTheStep = !first.IsCompleted && !second.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(20));

        Assert.True(neitherBeforeTheStep);
        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(second.IsCompletedSuccessfully);
        (await first).Dispose();
        (await second).Dispose();
    }

    [Fact]
    public async Task EnterAsync_GapsInDifferentSteps_EachLetGoAtItsOwn()
    {
        var time = new FakeTimeProvider(Start);
        var gates = new HostGates(time);
        var a = gates.For(new Uri("https://a.example/"));
        var b = gates.For(new Uri("https://b.example/"));
        (await gates.EnterAsync(a, Gap, CancellationToken.None)).Dispose();
        time.Advance(TimeSpan.FromMilliseconds(300));
        (await gates.EnterAsync(b, Gap, CancellationToken.None)).Dispose();

        // The later one is queued first: the timer must still wake for the earlier step.
        var later = gates.EnterAsync(b, Gap, CancellationToken.None);
        var earlier = gates.EnterAsync(a, Gap, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(750));
        var afterTheFirstStep = (earlier.IsCompleted, later.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal((true, false), afterTheFirstStep);
        Assert.True(later.IsCompletedSuccessfully);
        (await earlier).Dispose();
        (await later).Dispose();
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaitingForTheGap_ThrowsAndTheHostIsFreeAgain()
    {
        var time = new FakeTimeProvider(Start);
        var gates = new HostGates(time);
        var gate = gates.For(new Uri("https://a.example/"));
        (await gates.EnterAsync(gate, Gap, CancellationToken.None)).Dispose();
        using var cancel = new CancellationTokenSource();

        var waiting = gates.EnterAsync(gate, Gap, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        time.Advance(Gap + HostGates.GapStep);
        var next = gates.EnterAsync(gate, Gap, CancellationToken.None);
        Assert.True(next.IsCompletedSuccessfully);
        (await next).Dispose();
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 50)]
    [InlineData(49, 50)]
    [InlineData(50, 50)]
    [InlineData(51, 100)]
    public void StepAtOrAfter_AnyInstant_TheGridStepNotBeforeIt(int milliseconds, int expected)
    {
        var minute = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        var step = HostGates.StepAtOrAfter(minute.AddMilliseconds(milliseconds));

        Assert.Equal(minute.AddMilliseconds(expected), step);
    }
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Monitors;
using static StockBot.Telegram.Tests.TelegramHostHarness;

namespace StockBot.Telegram.Tests;

/// <summary>A burst of alerts to one group through the real host's dispatcher, against the fake's strict rate limits.</summary>
public sealed class TelegramBurstTests : IAsyncLifetime
{
    private const int Burst = 50;

    private TelegramHostHarness h = null!;

    public async Task InitializeAsync()
    {
        h = await CreateAsync();
        await h.StartAsync();
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task FiftyRestocksToOneGroup_AllDeliveredInOrderOnceWithoutA429()
    {
        var products = Enumerable.Range(201, Burst).ToList();
        await h.AddWebsiteAndMonitorsAsync();
        await using (var scope = h.Service.Services.CreateAsyncScope())
        {
            var monitors = scope.ServiceProvider.GetRequiredService<MonitorService>();
            foreach (var pid in products)
            {
                h.Store.AddProduct(pid, $"Plan {pid}", 0);
                await monitors.CreateAsync(new MonitorInput(1, pid), CancellationToken.None);
            }
        }

        // One message per alert here (this test is about pacing): a digest only past 100 at once.
        var subscribed = await h.CliAsync("subscription", "add", "--platform", "telegram", "--channel", Id(GroupId), "--events", "restock", "--digest-after", "100");
        Assert.True(subscribed.ExitCode == 0, subscribed.Error);
        await h.RunCycleAsync();
        products.ForEach(pid => h.Store.SetStock(pid, 5));
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await h.RunCycleAsync();
        for (var pass = 0; pass < 3 && h.Count("alert_deliveries WHERE status = 'pending'") > 0; pass++)
        {
            // Only an alert the pacer held back waits in the outbox; let its retry come due.
            h.Clock.Advance(TimeSpan.FromMinutes(11));
            await h.DispatchAsync();
        }

        var sent = h.Telegram.Sent("sendMessage", Id(GroupId));
        Assert.Equal(Burst, result.Sent);
        Assert.Equal(products.Select(p => $"Plan {p}"), sent.Select(c => NameIn(c.Text!)));
        Assert.Equal(0, h.Telegram.RateLimitAnswers);
        Assert.Empty(h.Telegram.Violations);
        Assert.Equal(Burst, h.Count("alert_deliveries WHERE status = 'sent'"));
        // Never more than 20 in any minute, never two within a second (on the fake's clock).
        var times = sent.Select(c => c.ClockAt).ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1)));
        Assert.All(times.Select((t, i) => times.Skip(i).TakeWhile(u => u - t < TimeSpan.FromMinutes(1)).Count()), n => Assert.True(n <= 20, $"{n} in a minute"));
    }

    private static string NameIn(string html)
    {
        var start = html.IndexOf("Plan ", StringComparison.Ordinal);
        return start < 0 ? html : html.Substring(start, "Plan 201".Length).ToString(CultureInfo.InvariantCulture);
    }
}

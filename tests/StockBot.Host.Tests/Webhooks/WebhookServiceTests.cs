using Microsoft.Extensions.DependencyInjection;
using StockBot.Core.Commands;
using StockBot.Data.Entities;
using StockBot.Simulator;
using StockBot.Testing;
using StockBot.Testing.Discord;
using StockBot.Testing.Logging;

namespace StockBot.Host.Tests.Webhooks;

/// <summary>Webhook targets in the real `stockbot run` host without a Discord bot: alerts go out, chat cannot take a webhook URL, no log carries one.</summary>
public sealed class WebhookServiceTests : IAsyncLifetime
{
    private readonly StockBotHostHarness service = new("stockbot-webhook-");
    private WhmcsSimulator simulator = null!;
    private SimulatedStore store = null!;
    private FakeDiscordWebhooks discord = null!;

    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        discord = await FakeDiscordWebhooks.StartAsync();
        store = simulator.AddStore("webhook-run-id", "webhook-run-secret-7710");
        store.AddProduct(7, "Ryzen 9 Dedicated", 1);
        service.Settings["Discord:ApiBaseUrl"] = discord.ApiBaseUrl;
        service.Settings["Monitoring:RequestTimeout"] = "00:00:02";
        service.Settings["Serilog:MinimumLevel:Default"] = "Verbose";
    }

    public async Task DisposeAsync()
    {
        await service.DisposeAsync();
        await discord.DisposeAsync();
        await simulator.DisposeAsync();
    }

    [Fact]
    public async Task Run_WebhookTargetsOnly_DeliversEveryAlertInOrderAndNoLogLineCarriesTheToken()
    {
        var first = discord.Create();
        var second = discord.Create("300000000000000002");
        await service.Cli.RunAsync("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret);
        await service.Cli.RunAsync("monitor", "add", "--website", "1", "--product", "7", "--low", "3");
        await service.Cli.RunAsync("subscription", "add", "--platform", "discord", "--webhook", first.Url, "--events", "restock,soldout,purchase,threshold");
        await service.Cli.RunAsync("subscription", "add", "--platform", "discord", "--webhook", second.Url, "--events", "restock,soldout,purchase,threshold");
        await service.StartAsync();
        await service.RunCycleAsync();

        int[] stock = [5, 0, 6, 2];
        foreach (var quantity in stock)
        {
            store.SetStock(7, quantity);
            await service.RunCycleAsync();
        }

        var titles = Titles(first);
        Assert.True(titles.Count >= stock.Length, string.Join(", ", titles));
        Assert.Contains("🟢", titles[0], StringComparison.Ordinal);
        Assert.Contains("Sold out", titles[1], StringComparison.Ordinal);
        Assert.Equal(titles, Titles(second));
        Assert.Equal(0, discord.RateLimitedCount);
        Assert.Equal(2 * titles.Count, service.Database.Count("alert_deliveries WHERE status = 'sent'"));
        Assert.Equal(0, service.Database.Count("alert_deliveries WHERE status <> 'sent'"));
        var transcript = service.Logs.Transcript();
        Assert.StartsWith("Debug ", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Token, transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Token, transcript, StringComparison.Ordinal);
    }

    private List<string> Titles(FakeWebhook webhook) =>
        discord.ExecutionsOf(webhook).Select(e => e.Json.GetProperty("embeds")[0].GetProperty("title").GetString()!).ToList();

    [Fact]
    public async Task Subscribe_WebhookUrlInAGroupChat_IsRefusedPointingToTheCliAndSavesNothing()
    {
        var webhook = discord.Create();
        await service.StartAsync();
        await using var scope = service.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CommandCatalog>();
        var parsed = CommandTextParser.Parse($"/subscribe webhook={webhook.Url}", catalog, null);
        var caller = new CommandCaller(Platform.Telegram, "4242", "-100777", IsPrivate: false, IsAdmin: true, IsChatAdmin: true);

        var reply = await scope.ServiceProvider.GetRequiredService<CommandExecutor>()
            .ExecuteAsync(new CommandRequest(parsed.Command!, parsed.Arguments, caller), CancellationToken.None);

        Assert.Null(parsed.Error);
        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.Contains("command line", reply.Title, StringComparison.Ordinal);
        Assert.Contains("stockbot subscription add --platform discord --webhook URL", string.Join('\n', reply.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain(webhook.Token, reply.Title + string.Join('\n', reply.Lines), StringComparison.Ordinal);
        Assert.Equal(0, service.Database.Count("subscriptions"));
        Assert.DoesNotContain("webhook", catalog.Get(SubscriptionHandlers.Subscribe, null).Usage, StringComparison.Ordinal);
    }
}

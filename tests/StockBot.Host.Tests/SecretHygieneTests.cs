using StockBot.Testing;
using System.Security.Cryptography;
using StockBot.Simulator;
using StockBot.Testing.Discord;
using StockBot.Testing.Telegram;

namespace StockBot.Host.Tests;

/// <summary>
/// A full run with both bots, at the most verbose log level, with every kind of secret in play:
/// none may show in any log line, reply, command output or alert.
/// </summary>
public sealed class SecretHygieneTests : IDisposable
{
    private const string TelegramToken = "777001:TEST-hygiene-token-not-real";
    private const string DiscordToken = "fake-discord-token-hygiene-test";
    private const string WhmcsSecret = "whmcs-secret-Hygiene-5f3a";
    private const string AccessKey = "access-key-Hygiene-8c21";
    private readonly string encryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task FullRun_VerboseLogsRepliesAndOutputs_ContainNoSecret()
    {
        await using var telegram = await FakeTelegramBotApi.StartAsync(TelegramToken);
        await using var discord = await FakeDiscord.StartAsync();
        await using var simulator = await WhmcsSimulator.StartAsync();
        var store = simulator.AddStore("hygiene-id", WhmcsSecret, AccessKey);
        store.AddProduct(11, "Hygiene VPS", 2);
        cli.Settings["Security:EncryptionKey"] = encryptionKey;
        var outputs = new List<string>();
        async Task Cli(params string[] args)
        {
            var result = await cli.RunAsync(args);
            outputs.Add(result.Out + result.Error);
        }

        await Cli("website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", WhmcsSecret, "--access-key", AccessKey, "--json");
        await Cli("monitor", "add", "--website", "1", "--product", "11");
        await Cli("subscription", "add", "--platform", "telegram", "--channel", "-100500");
        await Cli("subscription", "add", "--platform", "discord", "--channel", "123456789012345678");

        await using var bot = StockBotProcess.Start(cli.Directory, new Dictionary<string, string>
        {
            ["ConnectionStrings__StockBot"] = $"Data Source={cli.DatabasePath}",
            ["Security__EncryptionKey"] = encryptionKey,
            ["Monitoring__Interval"] = "00:00:01",
            ["Telegram__Token"] = TelegramToken,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram__AdminUserIds"] = "4242",
            ["Discord__Token"] = DiscordToken,
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl,
            ["Discord__GatewayUrl"] = discord.GatewayUrl,
            ["Serilog__MinimumLevel__Default"] = "Verbose",
            ["Serilog__MinimumLevel__Override__Microsoft"] = "Verbose",
            ["Serilog__MinimumLevel__Override__System.Net.Http"] = "Verbose",
            ["Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore"] = "Verbose",
        });
        await bot.WaitForOutputAsync("Cycle done", TimeSpan.FromSeconds(60));
        await telegram.WaitForAsync("getUpdates", timeout: TimeSpan.FromSeconds(30));
        await discord.WaitForRequestAsync("PUT", "/commands", TimeSpan.FromSeconds(30));

        telegram.EnqueueText(4242, 4242, "private", "/website list");
        telegram.EnqueueText(4242, 4242, "private", "/website test 1");
        await telegram.WaitForAsync("sendMessage", c => c.Text?.Contains("Sim works", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
        store.SetStock(11, 9);
        await telegram.WaitForAsync("sendMessage", c => c.Text?.Contains("🟢", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
        await discord.WaitForRequestAsync("POST", "/channels/123456789012345678/messages", TimeSpan.FromSeconds(30));
        store.Fault = SimulatedFault.AuthenticationFailed;
        await bot.WaitForOutputAsync("failed authentication", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(16));
        await Cli("health", "--json");
        await Cli("website", "show", "1", "--json");
        await Cli("website", "list");
        await Cli("status", "--json");
        await Cli("history", "1", "--events", "--json");
        var (exitCode, _) = await bot.TerminateAsync(TimeSpan.FromSeconds(15));

        var everything = string.Join('\n', outputs.Append(bot.Output)
            .Concat(telegram.Calls.Select(c => c.ToString()))
            .Concat(discord.Requests.Select(r => $"{r} {r.JsonText}")));
        Assert.Equal(0, exitCode);
        Assert.Contains(" DBG] ", bot.Output, StringComparison.Ordinal);
        Assert.Contains("healthy", outputs[^5], StringComparison.Ordinal);
        foreach (var secret in new[] { TelegramToken, TelegramToken.Split(':')[1], DiscordToken, WhmcsSecret, AccessKey, encryptionKey })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Discord.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void AddDiscordBot_NoToken_RegistersNothing()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:ApiBaseUrl"] = "http://127.0.0.1:9" }).Build();

        services.AddDiscordBot(configuration);
        services.AddDiscordAlertSender(configuration);

        Assert.Empty(services);
    }

    [Fact]
    public async Task Cli_BadDiscordSettings_ExitsTwoWithOneLinePerProblem()
    {
        await using var bot = await DiscordBotHarness.CreateAsync();
        bot.Settings["Discord:ApiBaseUrl"] = "ftp://discord.example.com";
        bot.Settings["Discord:GuildId"] = "my-server";
        bot.Settings["Discord:GatewayUrl"] = "https://gateway.example.com";

        var (exitCode, _, error) = await bot.CliAsync("website", "list");

        Assert.Equal(2, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("Discord:ApiBaseUrl must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Discord:GuildId must be a server id", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Discord:GatewayUrl must be an absolute ws:// or wss:// URL", StringComparison.Ordinal));
        Assert.DoesNotContain(TestSettings.Token, error, StringComparison.Ordinal);
    }
}

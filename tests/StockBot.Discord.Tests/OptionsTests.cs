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
        bot.Settings["Discord:ManagementGuildIds:0"] = "700000000000000001, our-server";

        var (exitCode, _, error) = await bot.CliAsync("website", "list");

        Assert.Equal(2, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("Discord:ApiBaseUrl must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Discord:GuildId must be a server id", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Discord:GatewayUrl must be an absolute ws:// or wss:// URL", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Discord:ManagementGuildIds must list server ids", StringComparison.Ordinal) && l.Contains("our-server", StringComparison.Ordinal));
        Assert.DoesNotContain(TestSettings.Token, error, StringComparison.Ordinal);
    }
}

public sealed class ManagementGuildsTests
{
    [Fact]
    public void ManagementGuilds_GuildIdAndCommaSeparatedEntries_AllOnceTrimmed()
    {
        var options = new DiscordOptions { GuildId = "1", ManagementGuildIds = ["2, 3", "1", " 4 "] };

        Assert.Equal(["1", "2", "3", "4"], options.ManagementGuilds);
    }

    [Fact]
    public void ManagementRefusal_NothingSet_SaysManagingIsOffAndNamesBothSettings()
    {
        var refusal = new DiscordOptions().ManagementRefusal;

        Assert.Contains("off", refusal, StringComparison.Ordinal);
        Assert.Contains("Discord:GuildId or Discord:ManagementGuildIds", refusal, StringComparison.Ordinal);
    }
}

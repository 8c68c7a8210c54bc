using StockBot.Core;
using StockBot.Discord.Webhooks;

namespace StockBot.Discord.Tests.Webhooks;

public sealed class DiscordWebhookUrlTests
{
    private const string Id = "1234567890123456789";
    private const string Token = "AbC-dEf_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX";

    [Theory]
    [InlineData("https://discord.com/api/webhooks/{id}/{token}")]
    [InlineData("https://discordapp.com/api/webhooks/{id}/{token}")]
    [InlineData("https://ptb.discord.com/api/webhooks/{id}/{token}")]
    [InlineData("https://canary.discord.com/api/webhooks/{id}/{token}")]
    [InlineData("https://Discord.com/api/v10/webhooks/{id}/{token}/")]
    [InlineData("  https://discord.com/api/webhooks/{id}/{token}  ")]
    public void Parse_WebhookUrlOnAnyDiscordHost_IsStoredInOneCanonicalSpelling(string shape)
    {
        var address = new DiscordWebhookPlatform().Parse(Url(shape));

        Assert.Equal(Id, address.Id);
        Assert.Equal($"https://discord.com/api/webhooks/{Id}/{Token}", address.Url);
    }

    [Theory]
    [InlineData("https://discord.com.evil.example/api/webhooks/{id}/{token}")]
    [InlineData("https://evil.example/api/webhooks/{id}/{token}")]
    [InlineData("http://discord.com/api/webhooks/{id}/{token}")]
    [InlineData("https://discord.com:8443/api/webhooks/{id}/{token}")]
    [InlineData("https://user@discord.com/api/webhooks/{id}/{token}")]
    [InlineData("https://discord.com/api/webhooks/{id}/{token}?wait=false")]
    [InlineData("https://discord.com/api/webhooks/{id}/{token}#x")]
    [InlineData("https://discord.com/api/webhooks/{id}/{token}/slack")]
    [InlineData("https://discord.com/api/webhooks/{id}/short")]
    [InlineData("https://discord.com/api/webhooks/99999999999999999999999/{token}")]
    [InlineData("https://discord.com/api/webhooks/{id}/{token}%2F..")]
    [InlineData("https://discord.com/channels/{id}/{token}")]
    public void Parse_NotADiscordWebhookUrl_NamesWebhookWithoutEchoingTheToken(string shape)
    {
        var error = Assert.Throws<InputException>(() => new DiscordWebhookPlatform().Parse(Url(shape)));

        Assert.Equal("webhook", error.Field);
        Assert.Contains("https://discord.com/api/webhooks/ID/TOKEN", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Masked_AndToString_ShowTheIdNeverTheToken()
    {
        var webhook = DiscordWebhookUrl.TryParse(Url("https://discord.com/api/webhooks/{id}/{token}"))!;

        Assert.Equal($"https://discord.com/api/webhooks/{Id}/****", new DiscordWebhookPlatform().Masked(Id));
        Assert.Equal($"https://discord.com/api/webhooks/{Id}/****", webhook.ToString());
        Assert.DoesNotContain(Token, webhook.ToString(), StringComparison.Ordinal);
    }

    private static string Url(string shape) =>
        shape.Replace("{id}", Id, StringComparison.Ordinal).Replace("{token}", Token, StringComparison.Ordinal);
}

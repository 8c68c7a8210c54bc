using System.Text.Json;
using StockBot.Core.Alerts;
using StockBot.Data.Entities;
using StockBot.Discord.Alerts;
using StockBot.Discord.Protocol;
using StockBot.Testing.Discord;

namespace StockBot.Discord.Tests;

/// <summary>What Discord's answers make of an alert, against the strict fake.</summary>
public sealed class AlertOutcomeTests
{
    private const string Channel = "711000000000000001";
    private const string Role = "730000000000000001";

    [Fact]
    public async Task SendAsync_Discord400InvalidFormBody_IsRejectedWithDiscordsOwnWords()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.Script("POST", Channel, new FakeDiscordResponse(400,
            """{"code":50035,"errors":{"embeds":{"0":{"title":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 256 or fewer in length."}]}}}},"message":"Invalid Form Body"}"""));

        var result = await harness.Get<IAlertSender>().SendAsync(Alerts.Sample(AlertKind.Restock), new AlertTarget(1, Platform.Discord, Channel, null), CancellationToken.None);

        Assert.Equal(AlertSendStatus.Rejected, result.Status);
        Assert.Contains("Invalid Form Body (code 50035)", result.Error, StringComparison.Ordinal);
        Assert.Contains("embeds.0.title: Must be 256 or fewer in length.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"message":"Cannot send an empty message","code":50006}""", "code 50006")]
    [InlineData("""{"message":"The request body contains invalid JSON.","code":50109}""", "code 50109")]
    public async Task SendAsync_Other400_IsRejectedNotRetried(string body, string expected)
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.Script("POST", Channel, new FakeDiscordResponse(400, body));

        var result = await harness.Get<IAlertSender>().SendAsync(Alerts.Sample(AlertKind.Purchase), new AlertTarget(1, Platform.Discord, Channel, null), CancellationToken.None);

        Assert.Equal(AlertSendStatus.Rejected, result.Status);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"message":"Missing Permissions","code":50013}""", 403)]
    [InlineData("""{"message":"Missing Access","code":50001}""", 403)]
    [InlineData("""{"message":"Unknown Channel","code":10003}""", 404)]
    public async Task SendAsync_LostAccess_IsChannelGone(string body, int status)
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        harness.Fake.Script("POST", Channel, new FakeDiscordResponse(status, body));

        var result = await harness.Get<IAlertSender>().SendAsync(Alerts.Sample(AlertKind.Restock), new AlertTarget(1, Platform.Discord, Channel, null), CancellationToken.None);

        Assert.Equal(AlertSendStatus.ChannelGone, result.Status);
    }

    [Theory]
    [InlineData("https://billing.example.com/cart.php?a=add&pid=101&promo=SPRING SALE")]
    [InlineData("https://billing.example.com/store/{vps}/small")]
    [InlineData("https://billing.example.com/cart.php?a=add|pid=101")]
    [InlineData("https://billing.example.com/<b>")]
    [InlineData("https://billing.example.com/bestellen/größe")]
    public async Task SendAsync_BuyLinkDiscordCallsMalformed_IsSentWithoutTheButton(string buyLink)
    {
        await using var harness = await DiscordClientHarness.StartAsync();

        var result = await harness.Get<IAlertSender>().SendAsync(Alerts.Sample(AlertKind.Restock, buyLink: buyLink), new AlertTarget(1, Platform.Discord, Channel, null), CancellationToken.None);

        Assert.Equal(AlertSendStatus.Sent, result.Status);
        var json = Assert.Single(harness.Fake.RequestsTo("POST", Channel)).Json;
        Assert.False(json.TryGetProperty("components", out _));
        Assert.False(json.GetProperty("embeds")[0].TryGetProperty("url", out _));
        Assert.Contains("More stock", json.GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_PlainForm_PostsContentOnlyThatPingsNobody()
    {
        await using var harness = await DiscordClientHarness.StartAsync();
        var alert = Alerts.Sample(AlertKind.Restock, product: "**Big** <@&730000000000000002> VPS");

        var result = await harness.Get<IAlertSender>().SendAsync(alert, new AlertTarget(1, Platform.Discord, Channel, Role) { Form = AlertForm.Plain }, CancellationToken.None);

        Assert.Equal(AlertSendStatus.Sent, result.Status);
        var json = Assert.Single(harness.Fake.RequestsTo("POST", Channel)).Json;
        Assert.False(json.TryGetProperty("embeds", out _));
        Assert.False(json.TryGetProperty("components", out _));
        var allowed = json.GetProperty("allowed_mentions");
        Assert.Equal(0, allowed.GetProperty("parse").GetArrayLength());
        Assert.False(allowed.TryGetProperty("roles", out _));
        var content = json.GetProperty("content").GetString()!;
        Assert.Contains("More stock: \\*\\*Big\\*\\* \\<@&730000000000000002> VPS", content, StringComparison.Ordinal);
        Assert.Contains("Buy: https://billing.example.com/cart.php?a=add&pid=101", content, StringComparison.Ordinal);
        Assert.DoesNotContain("](", content, StringComparison.Ordinal);
        Assert.InRange(content.Length, 1, 2000);
    }

    [Fact]
    public void Build_PlainFormOfAHugeProductName_StaysWithinTheContentLimit()
    {
        var json = Parse(DiscordAlertMessage.Build(Alerts.Sample(AlertKind.Restock, product: new string('*', 3000)), Role, AlertForm.Plain));

        Assert.InRange(json.GetProperty("content").GetString()!.Length, 1, 2000);
    }

    [Theory]
    [InlineData("VPS <@&730000000000000002> deal", "\\<@&730000000000000002>")]
    [InlineData("VPS in <#700000000000000002>", "\\<#700000000000000002>")]
    [InlineData("Ends <t:1767225600:R>", "\\<t:1767225600:R>")]
    public void Build_MentionSyntaxInAProductName_StaysText(string product, string escaped)
    {
        var json = Parse(DiscordAlertMessage.Build(Alerts.Sample(AlertKind.Restock, product: product), null));

        var embed = json.GetProperty("embeds")[0];
        Assert.Contains(escaped, embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(^|[^\\])<", embed.GetProperty("title").GetString()!);
    }

    [Fact]
    public void Escape_AngleBracket_IsBackslashedEverywhere()
    {
        Assert.Equal("a \\<@123> b \\<#4>", DiscordText.Escape("a <@123> b <#4>"));
    }

    [Theory]
    [InlineData("https://billing.example.com/cart.php?a=add&pid=101", true)]
    [InlineData("https://billing.example.com/store/vps%20small?x=%7B1%7D", true)]
    [InlineData("http://127.0.0.1:8080/cart.php?a=add&pid=1", true)]
    [InlineData("https://billing.example.com/a b", false)]
    [InlineData("https://billing.example.com/%zz", false)]
    [InlineData("https://billing.example.com/größe", false)]
    [InlineData("ftp://billing.example.com/x", false)]
    [InlineData("/cart.php?a=add", false)]
    public void IsHttpUrl_Rfc3986Check_AcceptsOnlyWhatDiscordTakes(string url, bool expected)
    {
        Assert.Equal(expected, DiscordText.IsHttpUrl(url));
        Assert.Equal(expected, FakeDiscordRules.IsWellFormedUrl(url) && url.StartsWith("http", StringComparison.Ordinal));
    }

    private static JsonElement Parse(MessagePayload message) => JsonDocument.Parse(JsonSerializer.Serialize(message, DiscordJsonContext.Default.MessagePayload)).RootElement;
}

using System.Text.Json;
using StockBot.Core.Alerts;
using StockBot.Discord.Alerts;
using StockBot.Discord.Protocol;

namespace StockBot.Discord.Tests;

public static class Alerts
{
    public static Alert Sample(AlertKind kind, string product = "VPS Small 2GB", string? region = "US-East", string buyLink = "https://billing.example.com/cart.php?a=add&pid=101") => kind switch
    {
        AlertKind.Restock => new Alert(11, kind, 3, product, 101, "Main Site", region, 2, 9, 7, true, null, new DateTime(2026, 3, 1, 12, 30, 0, DateTimeKind.Utc), buyLink, null),
        AlertKind.SoldOut => new Alert(17, kind, 3, product, 101, "Main Site", region, 3, 0, -3, true, null, new DateTime(2026, 3, 1, 12, 36, 0, DateTimeKind.Utc), buyLink, null),
        AlertKind.Purchase => new Alert(12, kind, 3, product, 101, "Main Site", region, 9, 6, -3, true, null, new DateTime(2026, 3, 1, 12, 31, 0, DateTimeKind.Utc), buyLink, null),
        AlertKind.ThresholdLow => new Alert(13, kind, 3, product, 101, "Main Site", region, 6, 2, -4, true, 5, new DateTime(2026, 3, 1, 12, 32, 0, DateTimeKind.Utc), buyLink, null),
        AlertKind.ThresholdHigh => new Alert(14, kind, 3, product, 101, "Main Site", region, 2, 60, 58, true, 50, new DateTime(2026, 3, 1, 12, 33, 0, DateTimeKind.Utc), buyLink, null),
        AlertKind.MonitorError => new Alert(15, kind, 3, product, 101, "Main Site", region, null, 0, 0, true, null, new DateTime(2026, 3, 1, 12, 34, 0, DateTimeKind.Utc), buyLink, "Authentication Failed: check the API secret."),
        _ => new Alert(16, kind, 3, product, 101, "Main Site", region, null, 4, 0, true, null, new DateTime(2026, 3, 1, 12, 35, 0, DateTimeKind.Utc), buyLink, "Reading again."),
    };
}

public sealed class AlertMessageTests
{
    [Theory]
    [InlineData(AlertKind.Restock, 0x2ECC71, "More stock: VPS Small 2GB")]
    [InlineData(AlertKind.Purchase, 0xE67E22, "3 sold: VPS Small 2GB")]
    [InlineData(AlertKind.SoldOut, 0x992D22, "Sold out: VPS Small 2GB")]
    [InlineData(AlertKind.ThresholdLow, 0xE74C3C, "Low stock: VPS Small 2GB")]
    [InlineData(AlertKind.ThresholdHigh, 0x3498DB, "Plenty in stock: VPS Small 2GB")]
    [InlineData(AlertKind.MonitorError, 0x95A5A6, "Cannot read: VPS Small 2GB")]
    [InlineData(AlertKind.MonitorRecovered, 0x95A5A6, "Reading again: VPS Small 2GB")]
    public void Build_EachKind_EmbedWithColourTitleFieldsTimestampAndBuyButton(AlertKind kind, int colour, string title)
    {
        var alert = Alerts.Sample(kind);

        var json = Parse(DiscordAlertMessage.Build(alert, null));

        var embed = json.GetProperty("embeds")[0];
        Assert.Equal(colour, embed.GetProperty("color").GetInt32());
        Assert.EndsWith(title, embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(alert.OccurredAtUtc, embed.GetProperty("timestamp").GetDateTime().ToUniversalTime());
        Assert.EndsWith("Z", embed.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        var fields = embed.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.Equal(alert.ToQuantity.ToString(System.Globalization.CultureInfo.InvariantCulture), fields["Quantity"]);
        Assert.Equal(AlertText.Change(alert), fields["Change"]);
        Assert.Equal("Main Site", fields["Website"]);
        Assert.Equal("US-East", fields["Region"]);
        if (kind == AlertKind.MonitorError)
        {
            // Nothing to buy while the product cannot be read.
            Assert.False(json.TryGetProperty("components", out _));
            return;
        }

        var row = json.GetProperty("components")[0];
        Assert.Equal(1, row.GetProperty("type").GetInt32());
        var button = row.GetProperty("components")[0];
        Assert.Equal(2, button.GetProperty("type").GetInt32());
        Assert.Equal(5, button.GetProperty("style").GetInt32());
        Assert.Equal("Buy", button.GetProperty("label").GetString());
        Assert.Equal(alert.BuyLink, button.GetProperty("url").GetString());
        Assert.False(json.TryGetProperty("content", out _));
        Assert.Equal(0, json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.False(json.GetProperty("allowed_mentions").TryGetProperty("roles", out _));
    }

    [Theory]
    [InlineData("730000000000000001")]
    [InlineData("<@&730000000000000001>")]
    public void Build_RoleMention_PingsOnlyThatRole(string mention)
    {
        var json = Parse(DiscordAlertMessage.Build(Alerts.Sample(AlertKind.Restock), mention));

        Assert.Equal("<@&730000000000000001>", json.GetProperty("content").GetString());
        var allowed = json.GetProperty("allowed_mentions");
        Assert.Equal(0, allowed.GetProperty("parse").GetArrayLength());
        var role = Assert.Single(allowed.GetProperty("roles").EnumerateArray());
        Assert.Equal(JsonValueKind.String, role.ValueKind);
        Assert.Equal("730000000000000001", role.GetString());
    }

    [Fact]
    public void Build_MentionThatIsNotARole_PingsNobody()
    {
        var json = Parse(DiscordAlertMessage.Build(Alerts.Sample(AlertKind.Restock), "@everyone"));

        Assert.False(json.TryGetProperty("content", out _));
        Assert.Equal(0, json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public void Build_LongMarkdownProductName_IsEscapedAndCutToTheLimits()
    {
        var product = "**Big_VPS** " + new string('x', 400);

        var json = Parse(DiscordAlertMessage.Build(Alerts.Sample(AlertKind.Restock, product), null));

        var title = json.GetProperty("embeds")[0].GetProperty("title").GetString()!;
        Assert.True(title.Length <= 256, $"title has {title.Length} characters");
        Assert.Contains("\\*\\*Big\\_VPS\\*\\*", title, StringComparison.Ordinal);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BuyLinkNotHttp_LeavesOutTheButton()
    {
        var json = Parse(DiscordAlertMessage.Build(Alerts.Sample(AlertKind.Restock, buyLink: "javascript:alert(1)"), null));

        Assert.False(json.TryGetProperty("components", out _));
        Assert.False(json.GetProperty("embeds")[0].TryGetProperty("url", out _));
    }

    [Fact]
    public void Escape_MarkdownAndLineStarts_AreBackslashed()
    {
        Assert.Equal("a\\*b\\_c\\~d\\`e\\|f \\[x\\] \\\\", DiscordText.Escape("a*b_c~d`e|f [x] \\"));
        Assert.Equal("\\# title\n\\- item\n\\> quote a-b", DiscordText.Escape("# title\n- item\n> quote a-b"));
    }

    private static JsonElement Parse(MessagePayload message) => JsonDocument.Parse(JsonSerializer.Serialize(message, DiscordJsonContext.Default.MessagePayload)).RootElement;
}

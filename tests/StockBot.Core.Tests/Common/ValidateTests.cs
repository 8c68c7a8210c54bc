using StockBot.Data.Entities;

namespace StockBot.Core.Tests.Common;

public sealed class ValidateTests
{
    [Theory]
    [InlineData("discord", Platform.Discord)]
    [InlineData("telegram", Platform.Telegram)]
    [InlineData("console", Platform.Console)]
    [InlineData(" Telegram ", Platform.Telegram)]
    [InlineData("DISCORD", Platform.Discord)]
    public void Platform_StoredNameInAnyCase_IsThatPlatform(string typed, Platform expected) =>
        Assert.Equal(expected, Validate.Platform("platform", typed));

    [Theory]
    [InlineData("slack")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Telegram2")]
    public void Platform_NotAPlatform_NamesTheFieldAndListsTheAllowed(string? typed)
    {
        var error = Assert.Throws<InputException>(() => Validate.Platform("platform", typed));

        Assert.Equal("platform", error.Field);
        Assert.Equal("must be one of discord, telegram, console", error.Detail);
    }

    [Theory]
    [InlineData("https://x.example/cart.php?a=add&pid=1&x={a b}|ü", "https://x.example/cart.php?a=add&pid=1&x=%7Ba%20b%7D%7C%C3%BC")]
    [InlineData("https://x.example/store/<vps>\"big\"", "https://x.example/store/%3Cvps%3E%22big%22")]
    [InlineData("https://bücher.example/ä", "https://xn--bcher-kva.example/%C3%A4")]
    [InlineData("HTTPS://Billing.Example.COM:443/", "https://billing.example.com")]
    [InlineData("https://x.example/a%20b?q=%7B", "https://x.example/a%20b?q=%7B")]
    [InlineData("https://x.example/cart.php?a=add&pid=7", "https://x.example/cart.php?a=add&pid=7")]
    public void HttpUrl_TypedLink_IsStoredInItsRfc3986Form(string typed, string stored) =>
        Assert.Equal(stored, Validate.HttpUrl("purchase_link", typed));
}

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
}

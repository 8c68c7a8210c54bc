using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core;
using StockBot.Core.Commands;
using StockBot.Core.Subscriptions;
using StockBot.Data;
using StockBot.Data.Entities;
using StockBot.Testing;

namespace StockBot.Discord.Tests;

/// <summary>Discord's rules the core asks for through <see cref="IChatPlatform"/>: role mentions, and autocomplete's size.</summary>
public sealed class DiscordChatPlatformTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Theory]
    [InlineData("<@&998877665544332211>", "998877665544332211")]
    [InlineData("998877665544332211", "998877665544332211")]
    public async Task AddAsync_DiscordRoleMention_IsStoredAsTheRoleId(string mention, string stored)
    {
        await using var db = database.NewContext();

        var created = await Subscriptions(db).AddAsync(new SubscriptionInput(Platform.Discord, "42", Mention: mention), CancellationToken.None);

        Assert.Equal(stored, created.Mention);
    }

    [Theory]
    [InlineData("@everyone")]
    [InlineData("oncall")]
    public async Task AddAsync_DiscordMentionThatIsNotARole_IsRefused(string mention)
    {
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InputException>(() => Subscriptions(db).AddAsync(new SubscriptionInput(Platform.Discord, "42", Mention: mention), CancellationToken.None));

        Assert.Equal("mention", error.Field);
        await using var check = database.NewContext();
        Assert.Equal(0, await check.Subscriptions.CountAsync());
    }

    [Fact]
    public void AddDiscordChatPlatform_Twice_RegistersThePlatformOnce()
    {
        var services = new ServiceCollection();

        services.AddDiscordChatPlatform().AddDiscordChatPlatform();

        var platform = Assert.Single(services.BuildServiceProvider().GetServices<IChatPlatform>());
        Assert.Equal((Platform.Discord, 25), (platform.Platform, platform.MaxLookupChoices));
    }

    private SubscriptionService Subscriptions(StockBotDbContext db) => new(db, database.Time, [new DiscordChatPlatform()]);
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StockBot.Core;
using StockBot.Core.Commands;
using StockBot.Core.Subscriptions;
using StockBot.Data;
using StockBot.Data.Entities;

namespace StockBot.Discord.Tests;

/// <summary>Discord's rules the core asks for through <see cref="IChatPlatform"/>: role mentions, and autocomplete's size.</summary>
public sealed class DiscordChatPlatformTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public DiscordChatPlatformTests()
    {
        connection.Open();
        using var db = NewContext();
        db.Database.Migrate();
    }

    public void Dispose() => connection.Dispose();

    [Theory]
    [InlineData("<@&998877665544332211>", "998877665544332211")]
    [InlineData("998877665544332211", "998877665544332211")]
    public async Task AddAsync_DiscordRoleMention_IsStoredAsTheRoleId(string mention, string stored)
    {
        await using var db = NewContext();

        var created = await Subscriptions(db).AddAsync(new SubscriptionInput(Platform.Discord, "42", Mention: mention), CancellationToken.None);

        Assert.Equal(stored, created.Mention);
    }

    [Theory]
    [InlineData("@everyone")]
    [InlineData("oncall")]
    public async Task AddAsync_DiscordMentionThatIsNotARole_IsRefused(string mention)
    {
        await using var db = NewContext();

        var error = await Assert.ThrowsAsync<InputException>(() => Subscriptions(db).AddAsync(new SubscriptionInput(Platform.Discord, "42", Mention: mention), CancellationToken.None));

        Assert.Equal("mention", error.Field);
        await using var check = NewContext();
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

    private SubscriptionService Subscriptions(StockBotDbContext db) => new(db, time, [new DiscordChatPlatform()]);

    private StockBotDbContext NewContext() =>
        new(new DbContextOptionsBuilder<StockBotDbContext>().UseStockBotSqlite(connection).Options);
}

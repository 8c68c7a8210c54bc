using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using StockBot.Core.Alerts;
using StockBot.Core.Commands;
using StockBot.Core.History;
using StockBot.Core.Monitors;
using StockBot.Core.Sample;
using StockBot.Core.Status;
using StockBot.Core.Subscriptions;
using StockBot.Core.Websites;
using StockBot.Data.Entities;
using StockBot.Storefront;
using StockBot.Whmcs;

namespace StockBot.Core.Tests.Commands;

public sealed class CommandCatalogTests : IDisposable
{
    private static readonly CommandCatalog Catalog = new();
    private static readonly CommandCaller Admin = new(Platform.Telegram, "1", "1", IsPrivate: true, IsAdmin: true, IsChatAdmin: true);
    private static readonly CommandCaller Member = new(Platform.Telegram, "2", "-100", IsPrivate: false, IsAdmin: false, IsChatAdmin: false);
    private static readonly CommandCaller GroupAdmin = new(Platform.Telegram, "3", "-100", IsPrivate: false, IsAdmin: false, IsChatAdmin: true);
    private readonly TestDatabase database = new();
    private readonly List<IAlertSender> senders = [];

    public void Dispose() => database.Dispose();

    [Fact]
    public void Catalog_EveryCommand_FitsDiscordAndTelegramLimits()
    {
        foreach (var command in Catalog.Commands)
        {
            Assert.Matches(new Regex("^[a-z0-9_]{1,32}$"), command.Group);
            Assert.True(command.Name is null || Regex.IsMatch(command.Name, "^[a-z0-9_]{1,32}$"), command.FullName);
            Assert.InRange(command.Description.Length, 1, 100);
            Assert.True(command.Options.Count <= 25, command.FullName);
            var firstOptional = command.Options.ToList().FindIndex(o => !o.Required);
            Assert.True(firstOptional < 0 || command.Options.Skip(firstOptional).All(o => !o.Required), $"{command.FullName}: required options come first");
            Assert.All(command.Options, o =>
            {
                Assert.Matches(new Regex("^[a-z0-9_]{1,32}$"), o.Name);
                Assert.InRange(o.Description.Length, 1, 100);
            });
        }

        Assert.Equal(["website", "monitor", "subscribe", "unsubscribe", "subscriptions", "subscription", "status", "history", "follow", "unfollow", "following", "help"], Catalog.Groups);
        Assert.Equal(64, Catalog.Hash.Length);
    }

    [Fact]
    public void Parse_PositionalAndKeyValue_FillTheOptionsInOrder()
    {
        var parsed = CommandTextParser.Parse("/monitor add 1 101 high=50 low=5", Catalog, "stockbot");

        Assert.Null(parsed.Error);
        Assert.Equal("monitor add", parsed.Command!.FullName);
        Assert.Equal(("1", "101", "5", "50"), (parsed.Arguments["website"], parsed.Arguments["product"], parsed.Arguments["low"], parsed.Arguments["high"]));
    }

    [Fact]
    public void Parse_QuotedValues_KeepTheirSpaces()
    {
        var parsed = CommandTextParser.Parse("/website add \"Main Site\" https://billing.example.com IDENT SECRET US-East", Catalog, null);

        Assert.Equal(("Main Site", "https://billing.example.com", "US-East"), (parsed.Arguments["name"], parsed.Arguments["url"], parsed.Arguments["region"]));
    }

    [Theory]
    [InlineData("/status@stockbot 3", "status", "3")]
    [InlineData("/STATUS 3", "status", "3")]
    [InlineData("/history 3 20", "history", "3")]
    public void Parse_BotNameAndCase_AreAccepted(string text, string group, string monitor)
    {
        var parsed = CommandTextParser.Parse(text, Catalog, "StockBot");

        Assert.Equal(group, parsed.Command!.Group);
        Assert.Equal(monitor, parsed.Arguments["monitor"]);
    }

    [Theory]
    [InlineData("/status@otherbot")]
    [InlineData("/weather")]
    [InlineData("hello")]
    public void Parse_NotOurs_IsIgnored(string text)
    {
        var parsed = CommandTextParser.Parse(text, Catalog, "stockbot");

        Assert.Null(parsed.Command);
        Assert.Null(parsed.Error);
    }

    [Theory]
    [InlineData("/monitor", "needs a subcommand")]
    [InlineData("/monitor fly", "has no 'fly'")]
    [InlineData("/monitor add 1 101 colour=red", "Unknown option 'colour'")]
    [InlineData("/status 1 2", "Too many values")]
    [InlineData("/website add \"Main Site", "quote")]
    public void Parse_Mistakes_AnswerWithWhatIsWrong(string text, string expected)
    {
        var parsed = CommandTextParser.Parse(text, Catalog, null);

        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_AdminManagesEverything_RowsAndRepliesFollow()
    {
        var site = await RunAsync("/website add \"Main Site\" https://billing.example.com IDENT very-secret-9f31 US-East", Admin);
        var monitor = await RunAsync("/monitor add 1 101 low=5 high=50", Admin);
        var subscribe = await RunAsync("/subscribe events=restock,threshold", GroupAdmin);
        var status = await RunAsync("/status 1", Member);

        Assert.Equal(ReplyStatus.Ok, site.Status);
        Assert.Contains("****9f31", string.Join('\n', site.Lines), StringComparison.Ordinal);
        Assert.Equal("Monitor #1 added: product 101 on Main Site", monitor.Title);
        Assert.Equal(ReplyStatus.Ok, subscribe.Status);
        Assert.Equal("#1 Product 101 @ Main Site", status.Title.Replace("Product 101", "Product 101", StringComparison.Ordinal));
        Assert.Equal("https://billing.example.com/cart.php?a=add&pid=101", status.Buttons.Single().Url);
        await using var db = database.NewContext();
        var subscription = await db.Subscriptions.SingleAsync();
        Assert.Equal((Platform.Telegram, "-100", "restock,threshold", "3"), (subscription.Platform, subscription.ChannelId, subscription.EventKinds, subscription.CreatedBy));
    }

    [Theory]
    [InlineData(true, "A test message was posted there.")]
    [InlineData(false, "⚠️ The test message was refused: Forbidden: bot was kicked from the supergroup chat. Alerts will fail the same way")]
    public async Task ExecuteAsync_Subscribe_EndsByPostingATestMessageAndSaysWhetherItWorked(bool accepted, string line)
    {
        var telegram = Substitute.For<IAlertSender>();
        telegram.Platform.Returns(Platform.Telegram);
        telegram.SendAsync(Arg.Is<Alert>(a => a.IsTest), Arg.Is<AlertTarget>(t => t.ChannelId == "-100"), Arg.Any<CancellationToken>())
            .Returns(accepted ? AlertSendResult.Sent("5") : AlertSendResult.Gone("Forbidden: bot was kicked from the supergroup chat"));
        senders.Add(telegram);

        var subscribe = await RunAsync("/subscribe", GroupAdmin);

        Assert.Equal(ReplyStatus.Ok, subscribe.Status);
        Assert.StartsWith(line, subscribe.Lines[^1], StringComparison.Ordinal);
        await telegram.Received(1).SendAsync(Arg.Any<Alert>(), Arg.Any<AlertTarget>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ExecuteAsync_SubscriptionTest_ChatAdminTestsOwnChatOnlyAndHearsWhenTheBotIsNotConfigured()
    {
        await database.AddWebsiteAsync();
        await RunAsync("/subscribe chat=-200", Admin);
        await RunAsync("/subscribe", GroupAdmin);

        var other = await RunAsync("/subscription test 1", GroupAdmin);
        var own = await RunAsync("/subscription test 2", GroupAdmin);

        Assert.Equal(ReplyStatus.Refused, other.Status);
        Assert.Equal(ReplyStatus.Error, own.Status);
        Assert.Contains("telegram bot is not configured in this process", own.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_MemberRunsAdminCommand_IsRefusedAndWritesNothing()
    {
        var reply = await RunAsync("/monitor add 1 101", Member);
        var subscribe = await RunAsync("/subscribe", Member);

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.Equal(ReplyStatus.Refused, subscribe.Status);
        Assert.Equal(0, database.Count("monitor_configs") + database.Count("subscriptions"));
    }

    [Fact]
    public async Task ExecuteAsync_SecretOutsidePrivateChat_IsRefusedAndNotStored()
    {
        var reply = await RunAsync("/website add Shop https://a.example IDENT group-secret", Admin with { IsPrivate = false });

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.Contains("private chat", reply.Title, StringComparison.Ordinal);
        Assert.Equal(0, database.Count("websites"));
    }

    [Theory]
    [InlineData("/monitor add 1", "Missing product")]
    [InlineData("/monitor add 1 abc", "product: must be a whole number")]
    [InlineData("/monitor add 1 5 low=-3", "low: must be 0 or more")]
    [InlineData("/monitor add 9 5", "website: no website with id 9")]
    [InlineData("/monitor add 1 5 low=9 high=2", "low: must not be above high")]
    [InlineData("/monitor add 1 5 restock=maybe", "restock: must be true or false")]
    [InlineData("/history 1 500", "limit: must be 50 or less")]
    public async Task ExecuteAsync_BadArguments_AnswerOneLineNamingTheField(string text, string expected)
    {
        await RunAsync("/website add Shop https://a.example IDENT secret-1234", Admin);

        var reply = await RunAsync(text, Admin);

        Assert.Equal(ReplyStatus.Error, reply.Status);
        Assert.Contains(expected, reply.Title, StringComparison.Ordinal);
        Assert.Equal(0, database.Count("monitor_configs"));
    }

    [Fact]
    public async Task ExecuteAsync_History_RepliesWithAChartAndTheLatestChanges()
    {
        await using (var db = database.NewContext())
        {
            await new SampleDataSeeder(db, database.Websites(db), database.Monitors(db), database.Time).SeedAsync(CancellationToken.None);
        }

        var reply = await RunAsync("/history 1 5", Member);

        Assert.Equal(5, reply.Lines.Count);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], reply.ImagePng!.Take(4));
        Assert.StartsWith("VPS Small 2GB @ Example Cloud", reply.ImageCaption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_Help_ListsOnlyWhatTheCallerMayRun()
    {
        var member = await RunAsync("/help", Member);
        var admin = await RunAsync("/start", Admin);

        Assert.DoesNotContain(member.Lines, l => l.StartsWith("/website", StringComparison.Ordinal));
        Assert.Contains(member.Lines, l => l.StartsWith("/status", StringComparison.Ordinal));
        Assert.Contains(admin.Lines, l => l.StartsWith("/website add", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SuggestAsync_PartialName_FindsWebsitesAndMonitors()
    {
        await RunAsync("/website add \"Nordic VPS\" https://a.example IDENT secret-1234 EU-North", Admin);
        await RunAsync("/monitor add 1 7 name=\"Ryzen box\"", Admin);
        await using var db = database.NewContext();
        var lookups = new CommandLookups(db);

        var sites = await lookups.SuggestAsync(OptionLookup.Website, "nord", new ConsoleChatPlatform(), CancellationToken.None);
        var monitors = await lookups.SuggestAsync(OptionLookup.Monitor, "Ryzen", new ConsoleChatPlatform(), CancellationToken.None);

        Assert.Equal(("#1 Nordic VPS (EU-North)", "1"), (sites.Single().Name, sites.Single().Value));
        Assert.Equal("#1 Ryzen box @ Nordic VPS", monitors.Single().Name);
    }

    private async Task<CommandReply> RunAsync(string text, CommandCaller caller)
    {
        var parsed = CommandTextParser.Parse(text, Catalog, null);
        Assert.Null(parsed.Error);
        await using var db = database.NewContext();
        var services = new ServiceCollection()
            .AddSingleton(db)
            .AddSingleton(Catalog)
            .AddSingleton<TimeProvider>(database.Time)
            .AddSingleton(database.Protector)
            .AddSingleton<WebsiteService>()
            .AddSingleton<MonitorService>()
            .AddSingleton<SubscriptionService>()
            .AddSingleton<StatusService>()
            .AddSingleton<StockChartRenderer>()
            .AddSingleton<HistoryChartService>()
            .AddWhmcs()
            .AddStockBotStorefront()
            .AddSingleton<WebsiteProbe>()
            .AddSingleton<ProductVerifier>()
            .AddSingleton(new AlertSenders(senders, database.Protector))
            .AddSingleton<SubscriptionTester>()
            .AddLogging()
            .AddStockBotCommands()
            .BuildServiceProvider();
        var executor = new CommandExecutor(services, database.Time, NullLogger<CommandExecutor>.Instance);
        return await executor.ExecuteAsync(new CommandRequest(parsed.Command!, parsed.Arguments, caller), CancellationToken.None);
    }
}

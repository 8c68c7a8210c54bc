using System.Text.Json;
using StockBot.Core.Commands;
using StockBot.Discord.Commands;
using StockBot.Discord.Protocol;

namespace StockBot.Discord.Tests;

public sealed class CommandSetTests
{
    private readonly JsonElement commands = JsonDocument.Parse(JsonSerializer.Serialize(DiscordCommandSet.Build(new CommandCatalog()), DiscordJsonContext.Default.IReadOnlyListApplicationCommand)).RootElement;

    [Fact]
    public void Build_Catalog_OneCommandPerGroupWithSubcommandsForWebsiteAndMonitor()
    {
        var names = commands.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();

        Assert.Equal(["website", "monitor", "subscribe", "unsubscribe", "subscriptions", "subscription", "status", "history", "follow", "unfollow", "following", "help"], names);
        var website = Command("website");
        var subs = website.GetProperty("options").EnumerateArray().ToList();
        Assert.All(subs, s => Assert.Equal(1, s.GetProperty("type").GetInt32()));
        Assert.Equal(["add", "list", "remove", "enable", "disable", "pause", "resume", "test", "products"], subs.Select(s => s.GetProperty("name").GetString()));
        Assert.All(Command("status").GetProperty("options").EnumerateArray(), o => Assert.NotEqual(1, o.GetProperty("type").GetInt32()));
    }

    [Fact]
    public void Build_ManagingGroups_NeedManageServerByDefault()
    {
        foreach (var managed in new[] { "website", "monitor", "subscribe", "unsubscribe" })
        {
            Assert.Equal("32", Command(managed).GetProperty("default_member_permissions").GetString());
        }

        foreach (var open in new[] { "subscriptions", "status", "history", "help" })
        {
            Assert.False(Command(open).TryGetProperty("default_member_permissions", out _), open);
        }
    }

    [Fact]
    public void Build_Options_TypedRequiredFirstWithAutocompleteAndLimits()
    {
        var add = Sub("monitor", "add");
        var options = add.GetProperty("options").EnumerateArray().ToList();
        var required = options.Select(o => o.GetProperty("required").GetBoolean()).ToList();
        Assert.Equal(required.OrderByDescending(r => r), required);
        var website = options.Single(o => o.GetProperty("name").GetString() == "website");
        Assert.Equal(4, website.GetProperty("type").GetInt32());
        Assert.True(website.GetProperty("autocomplete").GetBoolean());
        Assert.Equal(1, website.GetProperty("min_value").GetInt32());
        Assert.Equal(5, options.Single(o => o.GetProperty("name").GetString() == "restock").GetProperty("type").GetInt32());
        Assert.Equal(255, options.Single(o => o.GetProperty("name").GetString() == "name").GetProperty("max_length").GetInt32());

        var subscribe = Command("subscribe").GetProperty("options").EnumerateArray().ToList();
        var mention = subscribe.Single(o => o.GetProperty("name").GetString() == "mention");
        Assert.Equal(8, mention.GetProperty("type").GetInt32());
        Assert.False(mention.TryGetProperty("max_length", out _), "max_length is for STRING options only");
        Assert.Equal(7, subscribe.Single(o => o.GetProperty("type").GetInt32() == 7).GetProperty("type").GetInt32());
        var history = Command("history").GetProperty("options").EnumerateArray().ToList();
        Assert.Equal(50, history.Single(o => o.GetProperty("name").GetString() == "limit").GetProperty("max_value").GetInt32());
    }

    [Fact]
    public void Build_EveryNameAndDescription_WithinDiscordRules()
    {
        foreach (var node in All(commands))
        {
            var name = node.GetProperty("name").GetString()!;
            Assert.Matches("^[-_a-z0-9]{1,32}$", name);
            Assert.InRange(node.GetProperty("description").GetString()!.Length, 1, 100);
            if (node.TryGetProperty("options", out var options))
            {
                Assert.InRange(options.GetArrayLength(), 0, 25);
            }
        }
    }

    [Fact]
    public void Build_CommandCarryingASecret_HasNoOptionsAndItsModalHoldsEveryOne()
    {
        var catalog = new CommandCatalog();
        var add = Sub("website", "add");

        Assert.False(add.TryGetProperty("options", out var options) && options.GetArrayLength() > 0, "Discord would make the user type the secret before the modal");
        foreach (var secret in catalog.Commands.Where(c => c.CarriesSecret))
        {
            // A modal holds at most five inputs: the first five options, which hold every required one and the secret;
            // what does not fit (website add's mode) is optional and keeps its default.
            var modal = StockBot.Discord.Interactions.CommandModal.Build(secret);
            Assert.Equal(Math.Min(secret.Options.Count, DiscordLimits.TextInputsPerModal), modal.Components.Count);
            Assert.All(secret.Options.Skip(DiscordLimits.TextInputsPerModal), o => Assert.False(o.Required || o.IsSecret, o.Name));
        }
    }

    [Fact]
    public void Plan_OnlyGuildId_EverythingToThatGuild()
    {
        var plan = DiscordCommandSet.Plan(new CommandCatalog(), "700000000000000001", ["700000000000000001"]);

        // The personal commands (/follow) go global, offered in servers and DMs; everything else to that guild.
        Assert.Equal(["700000000000000001", null], plan.Select(p => p.GuildId));
        Assert.Equal(["follow", "unfollow", "following"], plan[1].Commands.Select(c => c.Name));
        Assert.All(plan[1].Commands, c => Assert.Equal([InteractionContextType.Guild, InteractionContextType.BotDm], c.Contexts));
        var only = plan[0];
        Assert.Equal(9, only.Commands.Count);
        Assert.All(only.Commands, c => Assert.Null(c.Contexts));
    }

    [Fact]
    public void Plan_GuildIdAndAnotherManagementGuild_TheOtherGetsManagementOnly()
    {
        var plan = DiscordCommandSet.Plan(new CommandCatalog(), "700000000000000001", ["700000000000000001", "700000000000000002"]);

        Assert.Equal(["700000000000000001", "700000000000000002", null], plan.Select(p => p.GuildId));
        Assert.Equal(["website", "monitor", "subscribe", "unsubscribe", "subscription"], plan[1].Commands.Select(c => c.Name));
    }

    private JsonElement Command(string name) => commands.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private JsonElement Sub(string group, string name) => Command(group).GetProperty("options").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static IEnumerable<JsonElement> All(JsonElement array)
    {
        foreach (var item in array.EnumerateArray())
        {
            yield return item;
            if (item.TryGetProperty("options", out var options))
            {
                foreach (var nested in All(options))
                {
                    yield return nested;
                }
            }
        }
    }
}

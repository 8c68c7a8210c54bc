using StockBot.Core.Commands;
using StockBot.Discord.Commands;

namespace StockBot.Discord.Tests.Webhooks;

/// <summary>A webhook URL is a secret: `/subscribe` in Discord does not offer it (the CLI does: `subscription add --webhook`).</summary>
public sealed class SubscribeCommandTests
{
    [Fact]
    public void Build_Subscribe_HasNoWebhookOptionButTheCatalogHasOneForTheCli()
    {
        var catalog = new CommandCatalog();

        var subscribe = Assert.Single(DiscordCommandSet.Build(catalog), c => c.Name == SubscriptionHandlers.Subscribe);

        Assert.DoesNotContain(subscribe.Options, o => o.Name == SubscriptionHandlers.Webhook);
        Assert.Contains(subscribe.Options, o => o.Name == "chat");
        Assert.Contains(catalog.Get(SubscriptionHandlers.Subscribe, null).Options, o => o.Name == SubscriptionHandlers.Webhook && o.CliOnly);
    }
}

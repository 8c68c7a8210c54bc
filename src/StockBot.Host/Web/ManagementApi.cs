using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Core;
using StockBot.Core.Commands;
using StockBot.Core.Monitors;
using StockBot.Core.Subscriptions;
using StockBot.Core.Websites;

namespace StockBot.Host.Web;

/// <summary>
/// The management API under /api/v1 (websites, monitors, subscriptions), Bearer tokens from `stockbot token create`.
/// Bodies are the catalog commands' options (<see cref="ManagementApiBody"/>), run on the same services and
/// input helpers as the CLI, answered with the CLI's `--json` views (secrets masked, webhook tokens never).
/// </summary>
public static class ManagementApi
{
    public const string Prefix = "/api/v1";

    /// <summary>The API's services on the web app: JSON as the CLI writes it, OpenAPI with the bearer scheme.</summary>
    public static IServiceCollection AddManagementApi(this IServiceCollection services, IServiceProvider hostServices)
    {
        services.AddSingleton(new ManagementApiHost(hostServices));
        services.ConfigureHttpJsonOptions(o => ManagementApiJsonContext.Configure(o.SerializerOptions));
        services.AddOpenApi(ManagementApiOpenApi.Configure);
        return services;
    }

    /// <summary>/api/v1/websites, /monitors, /subscriptions and /openapi/v1.json on <paramref name="app"/>.</summary>
    public static WebApplication MapManagementApi(this WebApplication app, IServiceProvider hostServices)
    {
        ArgumentNullException.ThrowIfNull(hostServices);
        app.MapOpenApi();
        var catalog = hostServices.GetRequiredService<CommandCatalog>();
        var api = app.MapGroup(Prefix).WithMetadata(ManagementApiOpenApi.BearerRequired.Instance);
        MapWebsites(api.MapGroup("/websites").WithTags("websites"), catalog);
        MapMonitors(api.MapGroup("/monitors").WithTags("monitors"), catalog);
        MapSubscriptions(api.MapGroup("/subscriptions").WithTags("subscriptions"), catalog);
        return app;
    }

    /// <summary>`--access-key` of the CLI's `website add|update`, which chat does not take.</summary>
    private static readonly CommandOption AccessKey = new("access_key", CommandOptionType.String, "WHMCS API access key (stored encrypted; null clears it)", MaxLength: WebsiteService.MaxSecretLength, IsSecret: true);

    private static void MapWebsites(RouteGroupBuilder websites, CommandCatalog catalog)
    {
        var add = catalog.Get(WebsiteHandlers.Group, "add");
        IReadOnlyList<CommandOption> addOptions = [.. add.Options, AccessKey];
        websites.Call("GET", "/", "List websites", c => c.Get<WebsiteService>().ListAsync(c.CancellationToken)).Answers<IReadOnlyList<WebsiteView>>();
        websites.Call("GET", "/{id:int}", "Show a website", c => c.Get<WebsiteService>().GetAsync(c.Id, c.CancellationToken)).Answers<WebsiteView>();
        websites.Call("POST", "/", add.Description, async c =>
        {
            var a = await c.BodyAsync(addOptions);
            return c.Created("websites", await c.Get<WebsiteService>().CreateAsync(WebsiteHandlers.InputOf(a, a.String(AccessKey.Name)), c.CancellationToken), v => v.Id);
        }).Answers<WebsiteView>(StatusCodes.Status201Created).Takes(addOptions);
        websites.Call("PATCH", "/{id:int}", "Change a website (the fields of POST, each optional)", async c =>
        {
            var a = await c.BodyAsync(addOptions, allOptional: true);
            string? Cleared(string option) => a.String(option) ?? (c.Body.Nulls.Contains(option) ? string.Empty : null);
            var changes = new WebsiteUpdate(a.String("name"), a.String("url"), a.String("api_identifier"), a.String("api_secret"), Cleared("region"), Cleared(AccessKey.Name),
                a.String("mode") is { } mode ? WebsiteModes.Parse("mode", mode) : null);
            return changes == new WebsiteUpdate()
                ? throw new InputException("body", $"nothing to change; give at least one of {string.Join(", ", addOptions.Select(o => o.Name))}")
                : await c.Get<WebsiteService>().UpdateAsync(c.Id, changes, c.CancellationToken);
        }).Answers<WebsiteView>().Takes(addOptions, allOptional: true);
        websites.Call("DELETE", "/{id:int}", "Remove a website (?force=true: with its monitors and history)", async c =>
            await c.Get<WebsiteService>().RemoveAsync(c.Id, c.QueryFlag("force"), c.CancellationToken)).Answers<RemovalResult>();
        var pause = catalog.Get(WebsiteHandlers.Group, "pause");
        IReadOnlyList<CommandOption> pauseOptions = [.. pause.Options.Where(o => o.Name != "website")];
        websites.Call("POST", "/{id:int}/pause", pause.Description, async c =>
        {
            var a = await c.BodyAsync(pauseOptions);
            var until = WebsitePause.Until(a.RequiredString(WebsitePause.UntilFlag), c.Get<TimeProvider>().GetUtcNow().UtcDateTime);
            return await c.Get<WebsiteService>().PauseAsync(c.Id, until, c.CancellationToken);
        }).Answers<WebsiteView>().Takes(pauseOptions);
        websites.Call("POST", "/{id:int}/resume", catalog.Get(WebsiteHandlers.Group, "resume").Description, c =>
            c.Get<WebsiteService>().PauseAsync(c.Id, null, c.CancellationToken)).Answers<WebsiteView>();
    }

    private static void MapMonitors(RouteGroupBuilder monitors, CommandCatalog catalog)
    {
        var add = catalog.Get(MonitorHandlers.Group, "add");
        IReadOnlyList<CommandOption> editOptions = [.. catalog.Get(MonitorHandlers.Group, "edit").Options.Where(o => o.Name != "monitor")];
        monitors.Call("GET", "/", "List monitors (?website_id=N: only that website's)", c =>
            c.Get<MonitorService>().ListAsync(c.QueryInt("website_id") ?? c.QueryInt("website"), c.CancellationToken)).Answers<IReadOnlyList<MonitorView>>();
        monitors.Call("GET", "/{id:int}", "Show a monitor", c => c.Get<MonitorService>().GetAsync(c.Id, c.CancellationToken)).Answers<MonitorView>();
        monitors.Call("POST", "/", add.Description, async c =>
        {
            var a = await c.BodyAsync(add.Options);
            var input = MonitorHandlers.InputOf(a);
            await MonitorHandlers.VerifyAsync(c.Get<ProductVerifier>(), a, input, c.CancellationToken);
            return c.Created("monitors", await c.Get<MonitorService>().CreateAsync(input, c.CancellationToken), v => v.Id);
        }).Answers<MonitorView>(StatusCodes.Status201Created).Takes(add.Options);
        monitors.Call("PATCH", "/{id:int}", "Change a monitor (null clears low, high or purchase_link)", async c =>
        {
            var a = await c.BodyAsync(editOptions, allOptional: true);
            var changes = MonitorHandlers.UpdateOf(a, c.Body.Nulls.Contains("low"), c.Body.Nulls.Contains("high"), c.Body.Nulls.Contains("purchase_link"));
            return changes == new MonitorUpdate()
                ? throw new InputException("body", $"nothing to change; give at least one of {string.Join(", ", editOptions.Select(o => o.Name))}")
                : await c.Get<MonitorService>().UpdateAsync(c.Id, changes, c.CancellationToken);
        }).Answers<MonitorView>().Takes(editOptions, allOptional: true);
        monitors.Call("DELETE", "/{id:int}", "Remove a monitor (?force=true: with its history)", async c =>
            await c.Get<MonitorService>().RemoveAsync(c.Id, c.QueryFlag("force"), c.CancellationToken)).Answers<RemovalResult>();
        monitors.Call("POST", "/{id:int}/pause", "Stop checking a monitor", c => c.Get<MonitorService>().PauseAsync(c.Id, c.CancellationToken)).Answers<MonitorView>();
        monitors.Call("POST", "/{id:int}/resume", "Check a monitor again", c => c.Get<MonitorService>().ResumeAsync(c.Id, c.CancellationToken)).Answers<MonitorView>();
    }

    private static void MapSubscriptions(RouteGroupBuilder subscriptions, CommandCatalog catalog)
    {
        // As `subscription add`: a platform, and the chat as `channel` (or a Discord webhook).
        var subscribe = catalog.Get(SubscriptionHandlers.Subscribe, null);
        IReadOnlyList<CommandOption> addOptions =
        [
            new("platform", CommandOptionType.String, "discord, telegram or console", Required: true, MaxLength: 20),
            .. subscribe.Options.Select(o => o.Name == "chat" ? o with { Name = "channel", Description = "The channel or chat id (or give webhook)" } : o),
        ];
        IReadOnlyList<CommandOption> updateOptions = [.. catalog.Get(SubscriptionHandlers.Group, SubscriptionHandlers.Update).Options.Where(o => o.Name != "subscription")];
        subscriptions.Call("GET", "/", "List subscriptions", c => c.Get<SubscriptionService>().ListAsync(null, null, c.CancellationToken)).Answers<IReadOnlyList<SubscriptionView>>();
        subscriptions.Call("POST", "/", "Subscribe a channel (or a Discord webhook) to alerts", async c =>
        {
            var a = await c.BodyAsync(addOptions);
            var input = SubscriptionHandlers.InputOf(Validate.Platform("platform", a.String("platform")), a.String("channel") ?? string.Empty, a, $"api:{c.TokenName}");
            return c.Created("subscriptions", await c.Get<SubscriptionService>().AddAsync(input, c.CancellationToken), v => v.Id);
        }).Answers<SubscriptionView>(StatusCodes.Status201Created).Takes(addOptions);
        subscriptions.Call("PATCH", "/{id:int}", "Change a subscription's digest size, quiet hours or alert text", async c =>
            await c.Get<SubscriptionService>().UpdateAsync(c.Id, SubscriptionHandlers.UpdateOf(await c.BodyAsync(updateOptions, allOptional: true)), c.CancellationToken))
            .Answers<SubscriptionView>().Takes(updateOptions, allOptional: true);
        subscriptions.Call("DELETE", "/{id:int}", "Remove a subscription", c => c.Get<SubscriptionService>().RemoveAsync(c.Id, c.CancellationToken)).Answers<SubscriptionView>();
    }
}

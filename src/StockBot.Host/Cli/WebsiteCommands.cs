using StockBot.Core;
using StockBot.Core.Commands;
using StockBot.Core.Websites;
using StockBot.Data.Entities;

namespace StockBot.Host.Cli;

/// <summary>`stockbot website ...`: the catalog's website commands, plus show and update, which chat does not have.</summary>
internal static class WebsiteCommands
{
    public static Command Build(CommandRunner runner, CommandCatalog catalog)
    {
        var website = new CatalogGroup(catalog, WebsiteHandlers.Group, positional: "website");

        var accessKey = Args.Opt<string>("--access-key", "Optional WHMCS API access key (stored encrypted)");
        var add = website.Verb("add").With(accessKey);
        website.Add(add.Runs(runner, async (c, a) =>
        {
            var created = await c.Get<WebsiteService>().CreateAsync(WebsiteHandlers.InputOf(a, c.Value(accessKey)), c.CancellationToken);
            Show(c.Output, created, $"Added website {created.Id}: {created.Name}");
        }));

        website.Add(website.Verb("list").Runs(runner, async (c, _) =>
        {
            var sites = await c.Get<WebsiteService>().ListAsync(c.CancellationToken);
            c.Output.Rows(
                sites,
                ["ID", "NAME", "URL", "MODE", "REGION", "ACTIVE", "MONITORS", "SECRET"],
                s => [Number(s.Id), s.Name, s.WebsiteUrl, s.Mode, s.Region ?? "-", s.PausedUntil is { } until ? $"paused until {WebsiteHandlers.PausedText(until)}" : s.IsActive ? "yes" : "no", Number(s.MonitorCount), s.ApiSecret.Length == 0 ? "-" : s.ApiSecret],
                "No websites yet. Add one: stockbot website add --name N --url U --api-identifier I --api-secret S (or --mode storefront, without credentials)");
        }));

        website.Add(Args.Show(runner, "website", async (c, id) => Show(c.Output, await c.Get<WebsiteService>().GetAsync(id, c.CancellationToken), null)));
        website.Add(BuildUpdate(runner, website.Definition("add"), accessKey.Description!));

        website.Add(Toggle(runner, website.Verb("enable"), true));
        website.Add(Toggle(runner, website.Verb("disable"), false));

        website.Add(website.Verb("pause").Runs(runner, async (c, a) =>
        {
            var until = WebsitePause.Until(a.RequiredString(WebsitePause.UntilFlag), c.Get<TimeProvider>().GetUtcNow().UtcDateTime);
            var site = await c.Get<WebsiteService>().PauseAsync(a.RequiredInt("website"), until, c.CancellationToken);
            Show(c.Output, site, $"Website {site.Id} ({site.Name}) is paused until {WebsiteHandlers.PausedText(until)}: not read, no alerts, errors not counted.");
        }));
        website.Add(website.Verb("resume").Runs(runner, async (c, a) =>
        {
            var site = await c.Get<WebsiteService>().PauseAsync(a.RequiredInt("website"), null, c.CancellationToken);
            Show(c.Output, site, $"Website {site.Id} ({site.Name}) is read again from the next cycle.");
        }));

        website.Add(website.Verb("remove").Runs(runner, async (c, a) =>
        {
            var result = await c.Get<WebsiteService>().RemoveAsync(a.RequiredInt("website"), a.Bool("force") ?? false, c.CancellationToken);
            c.Output.Result(result, $"Removed website {result.Id} ({result.Name}) with {result.MonitorsRemoved} monitor(s), {result.StockRecordsRemoved} stock record(s) and {result.EventsRemoved} event(s).");
        }));

        website.Add(website.Verb("test").Runs(runner, async (c, a) =>
        {
            var probe = await CliProgress.RunAsync(c, $"Reading website {a.RequiredInt("website")}…", () => c.Get<WebsiteProbe>().ProbeAsync(a.RequiredInt("website"), c.CancellationToken));
            if (c.Output.Json)
            {
                c.Output.WriteJson(new { probe.WebsiteId, probe.Website, probe.Mode, probe.Success, probe.Message, probe.FailureKind, ProductCount = probe.Products.Count, probe.DurationMs });
            }
            else if (probe.Success)
            {
                c.Output.Line($"OK: {probe.Website}: {probe.Message}");
            }
            else
            {
                c.Environment.Error.WriteLine($"error: {probe.Website}: {probe.Message}");
            }

            return probe.Success ? ExitCodes.Success : ExitCodes.Failure;
        }));

        website.Add(website.Verb("products").Runs(runner, async (c, a) =>
        {
            var probe = await CliProgress.RunAsync(c, $"Reading website {a.RequiredInt("website")}…", () => c.Get<WebsiteProbe>().ProbeAsync(a.RequiredInt("website"), c.CancellationToken));
            if (probe.Products.Count == 0 && probe.FailureKind is not null)
            {
                c.Environment.Error.WriteLine($"error: {probe.Website}: {probe.Message}");
                return ExitCodes.Failure;
            }

            c.Output.Rows(
                probe.Products,
                ["PID", "GROUP", "NAME", "STOCK", "PRICE", "MONITOR"],
                p => [Number(p.ProductId), p.Group ?? "-", p.Name, WebsiteProbeHandlers.Stock(p), p.Price is null ? "-" : $"{p.Price}{(p.BillingCycle is { } cycle ? " " + cycle : string.Empty)}", p.MonitorId is { } m ? Number(m) : "-"],
                probe.Mode == WebsiteMode.Storefront.ToDb() ? "The store's listings show no products." : "WHMCS lists no products.");
            return ExitCodes.Success;
        }));
        return website.Command;
    }

    /// <summary>`website update ID`: every field of `website add`, each optional (chat has no such command).</summary>
    private static Command BuildUpdate(CommandRunner runner, CommandDefinition add, string accessKeyDescription)
    {
        string Described(string option) => add.Options.Single(o => o.Name == option).Description;
        var id = Args.Id("id", "Website id");
        var name = Args.Opt<string>("--name", $"New: {Described("name")}");
        var url = Args.Opt<string>("--url", $"New: {Described("url")}");
        var region = Args.Opt<string>("--region", $"New: {Described("region")} (empty clears it)");
        var identifier = Args.Opt<string>("--api-identifier", $"New: {Described("api_identifier")}");
        var secret = Args.Opt<string>("--api-secret", $"New: {Described("api_secret")}");
        var accessKey = Args.Opt<string>("--access-key", $"New: {accessKeyDescription} (empty clears it)");
        var mode = Args.Opt<string>("--mode", $"New: {Described("mode")}; api needs credentials, stored or given here");
        var update = Args.Command("update", "Change a website", id, name, url, region, identifier, secret, accessKey, mode);
        update.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var newMode = parse.GetValue(mode) is { } typed ? WebsiteModes.Parse("mode", typed) : (WebsiteMode?)null;
            var changes = new WebsiteUpdate(parse.GetValue(name), parse.GetValue(url), parse.GetValue(identifier), parse.GetValue(secret), parse.GetValue(region), parse.GetValue(accessKey), newMode);
            if (changes == new WebsiteUpdate())
            {
                throw new InputException("options", "nothing to change; give at least one of --name, --url, --region, --mode, --api-identifier, --api-secret, --access-key");
            }

            var updated = await c.Get<WebsiteService>().UpdateAsync(parse.GetValue(id), changes, c.CancellationToken);
            Show(c.Output, updated, $"Updated website {updated.Id}: {updated.Name}");
        }, ct));
        return update;
    }

    private static Command Toggle(CommandRunner runner, CatalogVerb verb, bool active) =>
        verb.Runs(runner, async (c, a) =>
        {
            var site = await c.Get<WebsiteService>().SetActiveAsync(a.RequiredInt("website"), active, c.CancellationToken);
            Show(c.Output, site, $"Website {site.Id} ({site.Name}) is {(active ? "enabled" : "disabled")}.");
        });

    private static void Show(CliOutput output, WebsiteView site, string? headline)
    {
        output.Details(site, headline, () =>
        [
            ("id", Number(site.Id)),
            ("name", site.Name),
            ("url", site.WebsiteUrl),
            ("mode", site.Mode),
            ("region", site.Region),
            ("active", site.IsActive ? "yes" : "no"),
            ("paused until", site.PausedUntil is { } until ? WebsiteHandlers.PausedText(until) : "-"),
            ("api identifier", site.ApiIdentifier.Length == 0 ? "-" : site.ApiIdentifier),
            ("api secret", site.ApiSecret.Length == 0 ? "-" : site.ApiSecret),
            ("access key", site.HasAccessKey ? "set" : "none"),
            ("monitors", Number(site.MonitorCount)),
            ("added", output.Ago(site.CreatedAt)),
        ]);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

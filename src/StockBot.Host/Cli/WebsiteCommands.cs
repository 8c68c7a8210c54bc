using System.CommandLine;
using StockBot.Core;
using StockBot.Core.Websites;

namespace StockBot.Host.Cli;

internal static class WebsiteCommands
{
    public static Command Build(CommandRunner runner)
    {
        var website = new Command("website", "Manage the WHMCS websites StockBot reads");

        var name = Args.Opt<string>("--name", "Website name, unique (1-255 characters)", required: true);
        var url = Args.Opt<string>("--url", "WHMCS base URL, http(s)", required: true);
        var identifier = Args.Opt<string>("--api-identifier", "WHMCS API credential identifier", required: true);
        var secret = Args.Opt<string>("--api-secret", "WHMCS API credential secret (stored encrypted)", required: true);
        var region = Args.Opt<string>("--region", "Optional region, e.g. US-East");
        var accessKey = Args.Opt<string>("--access-key", "Optional WHMCS API access key (stored encrypted)");
        var add = Args.Command("add", "Add a website", name, url, identifier, secret, region, accessKey);
        add.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var created = await c.Get<WebsiteService>().CreateAsync(
                new WebsiteInput(parse.GetValue(name)!, parse.GetValue(url)!, parse.GetValue(identifier)!, parse.GetValue(secret)!, parse.GetValue(region), parse.GetValue(accessKey)),
                c.CancellationToken);
            Show(c.Output, created, $"Added website {created.Id}: {created.Name}");
        }, ct));
        website.Subcommands.Add(add);

        var list = Args.Command("list", "List websites");
        list.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var sites = await c.Get<WebsiteService>().ListAsync(c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(sites);
                return;
            }

            c.Output.Table(
                ["ID", "NAME", "URL", "REGION", "ACTIVE", "MONITORS", "SECRET"],
                sites.Select(s => (IReadOnlyList<string>)[s.Id.ToString(), s.Name, s.WebsiteUrl, s.Region ?? "-", s.IsActive ? "yes" : "no", s.MonitorCount.ToString(), s.ApiSecret]),
                "No websites yet. Add one: stockbot website add --name N --url U --api-identifier I --api-secret S");
        }, ct));
        website.Subcommands.Add(list);

        var showId = Args.Id("id", "Website id");
        var show = Args.Command("show", "Show one website", showId);
        show.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
            Show(c.Output, await c.Get<WebsiteService>().GetAsync(parse.GetValue(showId), c.CancellationToken), null), ct));
        website.Subcommands.Add(show);

        var updateId = Args.Id("id", "Website id");
        var newName = Args.Opt<string>("--name", "New name");
        var newUrl = Args.Opt<string>("--url", "New WHMCS base URL");
        var newRegion = Args.Opt<string>("--region", "New region (empty clears it)");
        var newIdentifier = Args.Opt<string>("--api-identifier", "New API identifier");
        var newSecret = Args.Opt<string>("--api-secret", "New API secret");
        var newAccessKey = Args.Opt<string>("--access-key", "New API access key (empty clears it)");
        var update = Args.Command("update", "Change a website", updateId, newName, newUrl, newRegion, newIdentifier, newSecret, newAccessKey);
        update.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var changes = new WebsiteUpdate(parse.GetValue(newName), parse.GetValue(newUrl), parse.GetValue(newIdentifier), parse.GetValue(newSecret), parse.GetValue(newRegion), parse.GetValue(newAccessKey));
            if (changes == new WebsiteUpdate())
            {
                throw new InputException("options", "nothing to change; give at least one of --name, --url, --region, --api-identifier, --api-secret, --access-key");
            }

            var updated = await c.Get<WebsiteService>().UpdateAsync(parse.GetValue(updateId), changes, c.CancellationToken);
            Show(c.Output, updated, $"Updated website {updated.Id}: {updated.Name}");
        }, ct));
        website.Subcommands.Add(update);

        website.Subcommands.Add(Toggle(runner, "enable", "Monitor this website again", true));
        website.Subcommands.Add(Toggle(runner, "disable", "Stop reading this website (monitors are kept)", false));

        var removeId = Args.Id("id", "Website id");
        var force = Args.Flag("--force", "Also remove its monitors, stock records and events");
        var remove = Args.Command("remove", "Remove a website", removeId, force);
        remove.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var result = await c.Get<WebsiteService>().RemoveAsync(parse.GetValue(removeId), parse.GetValue(force), c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(result);
                return;
            }

            c.Output.Line($"Removed website {result.Id} ({result.Name}) with {result.MonitorsRemoved} monitor(s), {result.StockRecordsRemoved} stock record(s) and {result.EventsRemoved} event(s).");
        }, ct));
        website.Subcommands.Add(remove);

        var testId = Args.Id("id", "Website id");
        var test = Args.Command("test", "Read the website now and say what is wrong, if anything", testId);
        test.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var probe = await c.Get<WebsiteProbe>().ProbeAsync(parse.GetValue(testId), c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(new { probe.WebsiteId, probe.Website, probe.Success, probe.Message, probe.FailureKind, ProductCount = probe.Products.Count, probe.DurationMs });
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
        }, ct));
        website.Subcommands.Add(test);

        var productsId = Args.Id("id", "Website id");
        var products = Args.Command("products", "List the website's WHMCS products with their ids and stock", productsId);
        products.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var probe = await c.Get<WebsiteProbe>().ProbeAsync(parse.GetValue(productsId), c.CancellationToken);
            if (probe.Products.Count == 0 && probe.FailureKind is not null)
            {
                c.Environment.Error.WriteLine($"error: {probe.Website}: {probe.Message}");
                return ExitCodes.Failure;
            }

            if (c.Output.Json)
            {
                c.Output.WriteJson(probe.Products);
                return ExitCodes.Success;
            }

            c.Output.Table(
                ["PID", "GROUP", "NAME", "STOCK", "MONITOR"],
                probe.Products.Select(p => (IReadOnlyList<string>)[p.Pid.ToString(), p.Gid.ToString(), p.Name, !p.StockControl ? "no limit" : p.Quantity == 0 ? "out of stock" : $"{p.Quantity} in stock", p.MonitorId?.ToString() ?? "-"]),
                "WHMCS lists no products.");
            return ExitCodes.Success;
        }, ct));
        website.Subcommands.Add(products);
        return website;
    }

    private static Command Toggle(CommandRunner runner, string verb, string description, bool active)
    {
        var id = Args.Id("id", "Website id");
        var command = Args.Command(verb, description, id);
        command.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var site = await c.Get<WebsiteService>().SetActiveAsync(parse.GetValue(id), active, c.CancellationToken);
            Show(c.Output, site, $"Website {site.Id} ({site.Name}) is {(active ? "enabled" : "disabled")}.");
        }, ct));
        return command;
    }

    private static void Show(CliOutput output, WebsiteView site, string? headline)
    {
        if (output.Json)
        {
            output.WriteJson(site);
            return;
        }

        if (headline is not null)
        {
            output.Line(headline);
        }

        output.KeyValues(
        [
            ("id", site.Id.ToString()),
            ("name", site.Name),
            ("url", site.WebsiteUrl),
            ("region", site.Region),
            ("active", site.IsActive ? "yes" : "no"),
            ("api identifier", site.ApiIdentifier),
            ("api secret", site.ApiSecret),
            ("access key", site.HasAccessKey ? "set" : "none"),
            ("monitors", site.MonitorCount.ToString()),
            ("added", output.Ago(site.CreatedAt)),
        ]);
    }
}

using StockBot.Core.Cluster;

namespace StockBot.Host.Cli;

/// <summary>`stockbot cluster status`: the instances on this database, who runs each chat bot, the websites being read now.</summary>
internal static class ClusterCommands
{
    public static Command Build(CommandRunner runner)
    {
        var cluster = new Command("cluster", "Several instances on one database: who is alive, who runs the bots");
        var status = Args.Command("status", "List the instances (alive or stale), the bot leaders and the website leases held now");
        status.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var view = await c.Get<ClusterStatusQuery>().GetAsync(c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(view);
                return;
            }

            c.Output.Rows(
                view.Instances,
                ["INSTANCE", "STATE", "STARTED", "LAST SEEN", "VERSION"],
                i => [i.Name, i.Alive ? "alive" : "stale", Time(i.StartedAt), Time(i.LastSeenAt), i.Version ?? "-"],
                "No instance has run on this database yet (stockbot run joins it).");
            c.Output.Line();
            c.Output.Rows(
                view.Leaders,
                ["ROLE", "LEADER", "SINCE", "EXPIRES"],
                l => [l.Role, l.Instance, Time(l.Since), l.Valid ? Time(l.ExpiresAt) : $"{Time(l.ExpiresAt)} (expired)"],
                "No chat bot has a leader: none runs now.");
            c.Output.Line();
            c.Output.Rows(
                view.Leases,
                ["WEBSITE", "INSTANCE", "LEASED UNTIL"],
                l => [$"{l.Website} ({l.WebsiteId.ToString(CultureInfo.InvariantCulture)})", l.Instance, Time(l.LeasedUntil)],
                "No website is being read now.");
        }, ct));
        cluster.Subcommands.Add(status);
        return cluster;
    }

    private static string Time(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z";
}

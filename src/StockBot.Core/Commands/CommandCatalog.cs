using System.Security.Cryptography;
using System.Text;

namespace StockBot.Core.Commands;

/// <summary>
/// Every command once, from the handler groups: options, who may run it, and its handler. Telegram,
/// Discord and the CLI all read these definitions, so a new option appears on each.
/// </summary>
public sealed class CommandCatalog
{
    private static readonly Dictionary<string, string> GroupDescriptions = new(StringComparer.Ordinal)
    {
        [WebsiteHandlers.Group] = "Manage the WHMCS websites StockBot reads",
        [MonitorHandlers.Group] = "Manage product monitors",
        [SubscriptionHandlers.Subscribe] = "Send alerts to this chat (or a channel)",
        ["unsubscribe"] = "Stop alerts to this chat (or a channel)",
        ["subscriptions"] = "List the alerts this chat gets",
        [SubscriptionHandlers.Group] = "Check a subscription's channel",
        [StatusHandlers.StatusGroup] = "Stock now: all monitors, or one",
        [StatusHandlers.HistoryGroup] = "Stock history of a monitor, with a chart",
        [HelpHandler.Group] = "What StockBot can do",
        [FollowHandlers.Follow] = "Get alerts in a private chat with me",
        [FollowHandlers.Unfollow] = "Stop alerts you follow",
        [FollowHandlers.Following] = "What you follow, with ids",
    };

    public CommandCatalog()
    {
        Commands = [.. WebsiteHandlers.Definitions, .. MonitorHandlers.Definitions, .. SubscriptionHandlers.Definitions, .. StatusHandlers.Definitions, .. FollowHandlers.Definitions, .. HelpHandler.Definitions];
        Groups = Commands.Select(c => c.Group).Distinct().ToList();
        Hash = ComputeHash(Commands);
    }

    public IReadOnlyList<CommandDefinition> Commands { get; }

    public IReadOnlyList<string> Groups { get; }

    /// <summary>Changes whenever a command, option or description changes (Discord re-registers then).</summary>
    public string Hash { get; }

    public string GroupDescription(string group) => GroupDescriptions.TryGetValue(group, out var text) ? text : group;

    public CommandDefinition? Find(string group, string? name) =>
        Commands.FirstOrDefault(c => c.Group.Equals(group, StringComparison.OrdinalIgnoreCase)
            && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The definition by group and name, for front ends that map it (the CLI); a missing one is a programming error.</summary>
    public CommandDefinition Get(string group, string? name) =>
        Find(group, name) ?? throw new InvalidOperationException($"The catalog has no '{group} {name}'.");

    private static string ComputeHash(IEnumerable<CommandDefinition> commands)
    {
        var text = new StringBuilder();
        foreach (var c in commands)
        {
            text.Append(c.FullName).Append('|').Append(c.Description).Append('|').Append(c.Access).Append(c.Personal ? "|personal" : string.Empty).Append('\n');
            foreach (var o in c.Options)
            {
                text.Append(' ').Append(o).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

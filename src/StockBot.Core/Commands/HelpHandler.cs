namespace StockBot.Core.Commands;

/// <summary>`/help` (and Telegram's `/start`): the commands this caller may run.</summary>
public sealed class HelpHandler(CommandCatalog catalog)
{
    public const string Group = "help";

    internal static readonly IReadOnlyList<CommandDefinition> Definitions =
    [
        new(Group, null, "What StockBot can do", CommandAccess.Everyone, []) { Handler = CommandDefinition.On<HelpHandler>((h, c) => h.HelpAsync(c)) },
    ];

    private Task<CommandReply> HelpAsync(CommandContext c)
    {
        var allowed = catalog.Commands
            .Where(d => d.Access == CommandAccess.Everyone || c.Caller.IsAdmin || (d.Access == CommandAccess.ChatAdmin && c.Caller.IsChatAdmin))
            .Select(d => $"{d.Usage}: {d.Description}")
            .ToList();
        return Task.FromResult(CommandReply.Ok("StockBot watches WHMCS stock and posts restock, purchase and threshold alerts.", allowed));
    }
}

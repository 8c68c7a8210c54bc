namespace StockBot.Core.Commands;

/// <summary>A command's options as typed values (int, bool, string), by catalog option name.</summary>
public sealed class CommandArguments(IReadOnlyDictionary<string, object> values)
{
    public static readonly CommandArguments None = new(new Dictionary<string, object>());

    public string? String(string name) => values.TryGetValue(name, out var value) ? (string)value : null;

    public int? Int(string name) => values.TryGetValue(name, out var value) ? (int)value : null;

    public bool? Bool(string name) => values.TryGetValue(name, out var value) ? (bool)value : null;

    public int RequiredInt(string name) => Int(name) ?? throw new InputException(name, "is required");

    public string RequiredString(string name) => String(name) ?? throw new InputException(name, "is required");
}

/// <summary>What a chat handler gets: the command, its typed arguments, the caller and the time.</summary>
public sealed class CommandContext(CommandRequest request, CommandArguments arguments, DateTime nowUtc, CancellationToken cancellationToken)
{
    public CommandCaller Caller => request.Caller;

    public CommandDefinition Definition => request.Command;

    public CommandArguments Arguments { get; } = arguments;

    public DateTime NowUtc { get; } = nowUtc;

    public CancellationToken CancellationToken { get; } = cancellationToken;
}

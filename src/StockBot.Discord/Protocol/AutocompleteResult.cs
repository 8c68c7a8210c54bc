using System.Text.Json.Nodes;

namespace StockBot.Discord.Protocol;

public sealed record AutocompleteResult(IReadOnlyList<CommandChoice> Choices);

/// <summary>A suggestion; its value has the option's type (a number for INTEGER options).</summary>
public sealed record CommandChoice(string Name, JsonNode Value);

using System.Text.Json.Serialization;

namespace StockBot.Core.Operations;

/// <summary>The bot_state payloads. Default options, so rows written before this context read the same.</summary>
[JsonSerializable(typeof(LastCycle))]
internal sealed partial class OperationsJsonContext : JsonSerializerContext;

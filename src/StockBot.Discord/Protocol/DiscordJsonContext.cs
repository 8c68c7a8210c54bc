namespace StockBot.Discord.Protocol;

/// <summary>Every payload we read or write, as Discord spells it: snake_case, ids as strings, absent rather than null.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(GatewayCommand<IdentifyData>))]
[JsonSerializable(typeof(GatewayCommand<ResumeData>))]
[JsonSerializable(typeof(GatewayCommand<long?>))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(RateLimitedBody))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(CreatedMessage))]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(InteractionCallback<MessagePayload>))]
[JsonSerializable(typeof(InteractionCallback<DeferredReplyData>))]
[JsonSerializable(typeof(InteractionCallback<AutocompleteResult>))]
[JsonSerializable(typeof(InteractionCallback<ModalData>))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class DiscordJsonContext : JsonSerializerContext;

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using StockBot.Core;
using StockBot.Core.Monitors;
using StockBot.Core.Subscriptions;
using StockBot.Core.Websites;
using StockBot.Host.Cli;

namespace StockBot.Host.Web;

/// <summary>What every management API error answers: the message, and the JSON field it is about (if one).</summary>
public sealed record ApiError(string Error, string? Field = null);

/// <summary>
/// The API's JSON: the same view records, snake_case names and UTC times as the CLI's `--json` prints
/// (<see cref="CliOutput.JsonOptions"/>), source-generated.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(CliOutput.UtcDateTimeJsonConverter)])]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(WebsiteView))]
[JsonSerializable(typeof(IReadOnlyList<WebsiteView>))]
[JsonSerializable(typeof(MonitorView))]
[JsonSerializable(typeof(IReadOnlyList<MonitorView>))]
[JsonSerializable(typeof(SubscriptionView))]
[JsonSerializable(typeof(IReadOnlyList<SubscriptionView>))]
[JsonSerializable(typeof(RemovalResult))]
internal sealed partial class ManagementApiJsonContext : JsonSerializerContext
{
    private static JsonSerializerOptions? api;

    /// <summary>The options every API response is written with (made on first use: <see cref="Default"/> must exist first).</summary>
    public static JsonSerializerOptions Api => LazyInitializer.EnsureInitialized(ref api, () => Configure(new JsonSerializerOptions()));

    /// <summary>Sets <paramref name="options"/> as the API writes: snake_case, UTC times, this context first.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new CliOutput.UtcDateTimeJsonConverter());
        options.TypeInfoResolverChain.Insert(0, Default);
        return options;
    }
}

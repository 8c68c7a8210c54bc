using System.Text.Json.Nodes;

namespace StockBot.Testing.Discord;

/// <summary>The strict half of the fake: interactions and their deadlines, rate limits, body checks, registered commands.</summary>
public sealed partial class FakeDiscord
{
    public const string GlobalScope = "global";

    /// <summary>X-RateLimit-Bucket of POST /channels/{id}/messages (one hash for the route, split by channel), as scripted answers name it by default.</summary>
    public const string MessageBucketHash = "fake-bucket";

    private readonly Dictionary<string, JsonArray> registered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeInteractionState> interactions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset ResetAt, int Count)> buckets = new(StringComparer.Ordinal);
    private readonly List<(FakeDiscordRequest Request, int Status, string? Body)> answers = [];
    private readonly Dictionary<string, string> dmChannels = new(StringComparer.Ordinal);
    private readonly HashSet<string> closedDms = new(StringComparer.Ordinal);
    private (long Second, int Count) globalWindow;
    private int rateLimitedAnswers;

    /// <summary>Discord's 3 s to answer an interaction (callback); later ones get 404 10062 Unknown interaction.</summary>
    public TimeSpan CallbackDeadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long an interaction token takes edits (15 minutes); later ones get 401 50027 Invalid Webhook Token.</summary>
    public TimeSpan InteractionTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>POST /channels/{id}/messages: this many per <see cref="MessageBucketPeriod"/> per channel (Discord: 5 per 5 s).</summary>
    public int MessageBucketLimit { get; set; } = 5;

    public TimeSpan MessageBucketPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests per second across every route but interaction answers (Discord's global limit).</summary>
    public int GlobalLimitPerSecond { get; set; } = 50;

    /// <summary>429s answered so far (the fake's own and scripted ones).</summary>
    public int RateLimitedAnswers => Volatile.Read(ref rateLimitedAnswers);

    /// <summary>Every request with the status and body it got.</summary>
    public IReadOnlyList<(FakeDiscordRequest Request, int Status, string? Body)> Answers
    {
        get
        {
            lock (gate)
            {
                return answers.ToList();
            }
        }
    }

    /// <summary>The commands last registered globally (<see cref="GlobalScope"/>) or to a guild; null when never.</summary>
    public JsonArray? Registered(string scope)
    {
        lock (gate)
        {
            return registered.TryGetValue(scope, out var commands) ? commands.DeepClone().AsArray() : null;
        }
    }

    /// <summary>The command /name as the Discord client of that guild (or a DM, guild null) offers it: a guild's own, else a global one allowed there.</summary>
    public JsonObject? OfferedCommand(string name, string? guildId)
    {
        lock (gate)
        {
            if (guildId is not null && registered.TryGetValue(guildId, out var guild) && guild.FirstOrDefault(c => c?["name"]?.GetValue<string>() == name) is JsonObject own)
            {
                return own;
            }

            if (registered.TryGetValue(GlobalScope, out var global) && global.FirstOrDefault(c => c?["name"]?.GetValue<string>() == name) is JsonObject command)
            {
                var contexts = (command["contexts"] as JsonArray)?.Select(c => c!.GetValue<int>()).ToList();
                var context = guildId is null ? 1 : 0;
                return contexts is null || contexts.Contains(context) ? command : null;
            }

            return null;
        }
    }

    /// <summary>
    /// The user's DM channel with the bot, as POST /users/@me/channels opens it (the same one each time): a DM command's
    /// channel_id, and where the bot's messages to the user go.
    /// </summary>
    public string DmChannelOf(string userId)
    {
        lock (gate)
        {
            if (!dmChannels.TryGetValue(userId, out var channel))
            {
                dmChannels[userId] = channel = NextId();
            }

            return channel;
        }
    }

    /// <summary>The user takes no DMs from the bot (privacy settings, or blocked it): messages to their DM channel answer 403 50007.</summary>
    public void CloseDms(string userId)
    {
        var channel = DmChannelOf(userId);
        lock (gate)
        {
            closedDms.Add(channel);
        }
    }

    private bool IsClosedDm(string channel)
    {
        lock (gate)
        {
            return closedDms.Contains(channel);
        }
    }

    internal void Track(JsonObject interaction)
    {
        var id = interaction["id"]!.GetValue<string>();
        lock (gate)
        {
            interactions[id] = new FakeInteractionState(interaction["token"]!.GetValue<string>(), SnowflakeTime(id));
        }
    }

    /// <summary>The answer Discord would give before any default: deadlines, body shapes, rate limits; null = the default answer.</summary>
    private FakeDiscordResponse? Strict(FakeDiscordRequest request)
    {
        var path = request.Path.StartsWith("/api/v10", StringComparison.Ordinal) ? request.Path["/api/v10".Length..] : request.Path;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var now = DateTimeOffset.UtcNow;
        switch (request.Method)
        {
            case "POST" when segments is ["interactions", var id, var token, "callback"]:
                return Callback(request, id, Uri.UnescapeDataString(token), now);
            case "PATCH" when segments is ["webhooks", _, var token, "messages", "@original"]:
                return Edit(request, Uri.UnescapeDataString(token), now);
        }

        if (Global(now) is { } global)
        {
            return global;
        }

        switch (request.Method)
        {
            case "GET" when path == "/gateway/bot":
                return null;
            case "POST" when path == "/users/@me/channels":
                var recipient = (Parse(request.JsonText) as JsonObject)?["recipient_id"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
                return recipient is null
                    ? FakeDiscordRules.InvalidFormBody(new JsonObject { ["recipient_id"] = new JsonObject { ["_errors"] = new JsonArray(new JsonObject { ["code"] = "BASE_TYPE_REQUIRED", ["message"] = "This field is required" }) } })
                    : FakeDiscordResponse.Json(new JsonObject
                    {
                        ["id"] = DmChannelOf(recipient),
                        ["type"] = 1,
                        ["last_message_id"] = null,
                        ["recipients"] = new JsonArray(new JsonObject { ["id"] = recipient, ["username"] = $"user{recipient[^4..]}" }),
                    }.ToJsonString());
            case "PUT" when segments is ["applications", _, "commands"] or ["applications", _, "guilds", _, "commands"]:
                return FakeDiscordRules.CheckCommands(Parse(request.JsonText), segments.Length == 3);
            case "POST" when segments is ["channels", var channel, "messages"]:
                var bucketKey = $"messages|{channel}";
                var limited = Take(bucketKey, MessageBucketHash, MessageBucketLimit, MessageBucketPeriod, now, out var headers);
                if (limited is not null)
                {
                    return limited;
                }

                if (IsClosedDm(channel))
                {
                    return new FakeDiscordResponse(403, """{"message":"Cannot send messages to this user","code":50007}""", headers);
                }

                var invalid = FakeDiscordRules.CheckMessage(Parse(request.JsonText), isEdit: false, request.Parts.Any(p => p.FileName is not null));
                return invalid is not null
                    ? invalid with { Headers = headers }
                    : new FakeDiscordResponse(200, $$"""{"id":"{{NextId()}}","channel_id":"{{channel}}"}""", headers);
            default:
                return null;
        }
    }

    private FakeDiscordResponse? Callback(FakeDiscordRequest request, string id, string token, DateTimeOffset now)
    {
        lock (gate)
        {
            if (!interactions.TryGetValue(id, out var state) || state.Token != token || now - state.CreatedAt > CallbackDeadline)
            {
                return new FakeDiscordResponse(404, """{"message":"Unknown interaction","code":10062}""");
            }

            if (state.Acknowledged)
            {
                return new FakeDiscordResponse(400, """{"message":"Interaction has already been acknowledged.","code":40060}""");
            }

            var body = Parse(request.JsonText) as JsonObject;
            var data = body?["data"] as JsonObject;
            var invalid = body?["type"]?.GetValue<int>() switch
            {
                4 => FakeDiscordRules.CheckMessage(data, isEdit: false, request.Parts.Any(p => p.FileName is not null)),
                8 => FakeDiscordRules.CheckChoices(data),
                9 => FakeDiscordRules.CheckModal(data),
                1 or 5 => null,
                _ => FakeDiscordRules.InvalidFormBody(new JsonObject { ["type"] = new JsonObject { ["_errors"] = new JsonArray(new JsonObject { ["code"] = "ENUM_TYPE_COERCE", ["message"] = "Value is not a valid enum value." }) } }),
            };
            if (invalid is not null)
            {
                return invalid;
            }

            interactions[id] = state with { Acknowledged = true };
            return null;
        }
    }

    private FakeDiscordResponse? Edit(FakeDiscordRequest request, string token, DateTimeOffset now)
    {
        lock (gate)
        {
            var state = interactions.Values.FirstOrDefault(i => i.Token == token);
            if (state is null || now - state.CreatedAt > InteractionTokenLifetime)
            {
                return new FakeDiscordResponse(401, """{"message":"Invalid Webhook Token","code":50027}""");
            }

            if (!state.Acknowledged)
            {
                return new FakeDiscordResponse(404, """{"message":"Unknown Webhook","code":10015}""");
            }
        }

        return FakeDiscordRules.CheckMessage(Parse(request.JsonText), isEdit: true, request.Parts.Any(p => p.FileName is not null));
    }

    /// <summary>Discord's global limit in fixed one-second windows.</summary>
    private FakeDiscordResponse? Global(DateTimeOffset now)
    {
        lock (gate)
        {
            var second = now.ToUnixTimeSeconds();
            globalWindow = globalWindow.Second == second ? (second, globalWindow.Count + 1) : (second, 1);
            if (globalWindow.Count <= GlobalLimitPerSecond)
            {
                return null;
            }
        }

        var retry = 1 - (now.ToUnixTimeMilliseconds() % 1000 / 1000.0);
        return FakeDiscordResponse.GlobalRateLimited(Math.Round(retry, 3));
    }

    /// <summary>One slot of a fixed-window bucket, or the 429 when it has none; <paramref name="headers"/> are the X-RateLimit-* of the answer.</summary>
    private FakeDiscordResponse? Take(string key, string hash, int limit, TimeSpan period, DateTimeOffset now, out IReadOnlyDictionary<string, string> headers)
    {
        DateTimeOffset resetAt;
        int count;
        lock (gate)
        {
            var bucket = buckets.TryGetValue(key, out var known) && known.ResetAt > now ? known : (ResetAt: now + period, Count: 0);
            resetAt = bucket.ResetAt;
            count = bucket.Count;
            if (count < limit)
            {
                buckets[key] = (resetAt, ++count);
            }
            else
            {
                count = limit + 1;
            }
        }

        // Reset-After rounded up: a client that waits for it never comes back early.
        var resetAfter = Math.Ceiling((resetAt - now).TotalMilliseconds) / 1000.0;
        headers = FakeDiscordResponse.BucketHeaders(limit, Math.Max(0, limit - count), resetAfter, hash);
        return count > limit ? FakeDiscordResponse.RateLimited(resetAfter, hash) : null;
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record FakeInteractionState(string Token, DateTimeOffset CreatedAt, bool Acknowledged = false);
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace StockBot.Testing.Telegram;

/// <summary>A scripted failure: the next <see cref="Times"/> matching calls answer with this error.</summary>
public sealed record FakeTelegramFailure(int StatusCode, string Description, int Times = 1, int? RetryAfter = null, string? Method = null, string? ChatId = null);

/// <summary>
/// A loopback Telegram Bot API on 127.0.0.1: answers <c>POST /bot{token}/{method}</c> with
/// <c>{"ok":true,"result":...}</c>, queues updates for getUpdates, records every call, and fails on demand.
/// Strict as the real one (see FakeTelegramBotApi.Rules.cs): the documented limits, HTML parsing, buttons,
/// rate limits, upgraded groups, forum topics and the bot's rights answer with Telegram's own error bodies.
/// </summary>
public sealed partial class FakeTelegramBotApi : IAsyncDisposable
{
    /// <summary>A token that looks like no real one; tests grep logs for it.</summary>
    public const string DefaultToken = "123456:TEST-fake-token-not-real";

    public const long BotId = 123456;
    public const string BotUsername = "stockbot_test_bot";

    private static readonly HashSet<string> SendMethods = ["sendMessage", "sendPhoto"];

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<TelegramCall> calls = [];
    private readonly List<JsonObject> updates = [];
    private readonly List<FakeTelegramFailure> failures = [];
    private readonly ConcurrentDictionary<(long Chat, long User), JsonObject> members = new();
    private readonly ConcurrentDictionary<string, JsonObject> chats = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim updateSignal = new(0);
    private readonly CancellationTokenSource stopping = new();
    private long nextUpdateId = 1000;
    private int nextMessageId = 1;

    private FakeTelegramBotApi(WebApplication app, string token)
    {
        this.app = app;
        Token = token;
        BaseUrl = string.Empty;
    }

    /// <summary>The value for Telegram:ApiBaseUrl, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; }

    public string Token { get; }

    /// <summary>How long a successful send waits before its answer, after the message is recorded as received.</summary>
    public TimeSpan SendAnswerDelay { get; set; }

    /// <summary>How long an empty getUpdates waits at most, whatever timeout the bot asked for.</summary>
    public TimeSpan MaxLongPoll { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<TelegramCall> Calls
    {
        get
        {
            lock (gate)
            {
                return calls.ToList();
            }
        }
    }

    public static async Task<FakeTelegramBotApi> StartAsync(string token = DefaultToken, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var fake = new FakeTelegramBotApi(app, token);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseUrl = address.TrimEnd('/');
        return fake;
    }

    /// <summary>Successful calls of one method (and chat), in order.</summary>
    public IReadOnlyList<TelegramCall> Sent(string method, string? chatId = null) =>
        Calls.Where(c => c.Method == method && c.Succeeded && (chatId is null || c.ChatId == chatId)).ToList();

    public IReadOnlyList<TelegramCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    /// <summary>Waits until a successful call of <paramref name="method"/> matching <paramref name="match"/> arrives.</summary>
    public async Task<TelegramCall> WaitForAsync(string method, Func<TelegramCall, bool>? match = null, TimeSpan? timeout = null, int skip = 0)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = Calls.Where(c => c.Method == method && c.Succeeded && (match is null || match(c))).Skip(skip).FirstOrDefault();
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {method} call arrived. Calls so far:\n{string.Join('\n', Calls)}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Waits for a sendMessage to the chat whose text contains <paramref name="text"/>.</summary>
    public Task<TelegramCall> WaitForMessageAsync(long chatId, string text, TimeSpan? timeout = null) =>
        WaitForAsync("sendMessage", c => c.ChatId == Id(chatId) && c.Text?.Contains(text, StringComparison.Ordinal) == true, timeout);

    /// <summary>Sets what getChatMember answers for (chat, user): creator, administrator, member, restricted, left, kicked.</summary>
    public void SetMember(long chatId, long userId, string status, bool canPostMessages = true) =>
        members[(chatId, userId)] = MemberJson(userId, status, canPostMessages);

    /// <summary>A ChatMember as the Bot API writes it; <paramref name="canPost"/> is can_post_messages (admins) or can_send_messages (restricted).</summary>
    private static JsonObject MemberJson(long userId, string status, bool canPost)
    {
        var member = new JsonObject
        {
            ["status"] = status,
            ["user"] = new JsonObject { ["id"] = userId, ["is_bot"] = userId == BotId, ["first_name"] = $"User {userId}" },
        };
        if (status == "administrator")
        {
            member["can_be_edited"] = false;
            member["is_anonymous"] = false;
            member["can_manage_chat"] = true;
            member["can_delete_messages"] = true;
            member["can_manage_video_chats"] = false;
            member["can_restrict_members"] = true;
            member["can_promote_members"] = false;
            member["can_change_info"] = true;
            member["can_invite_users"] = true;
            member["can_post_stories"] = false;
            member["can_edit_stories"] = false;
            member["can_delete_stories"] = false;
            member["can_post_messages"] = canPost;
            member["can_edit_messages"] = canPost;
        }
        else if (status == "creator")
        {
            member["is_anonymous"] = false;
        }
        else if (status == "restricted")
        {
            member["is_member"] = true;
            foreach (var right in new[] { "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls", "can_send_other_messages", "can_add_web_page_previews" })
            {
                member[right] = canPost;
            }

            foreach (var right in new[] { "can_change_info", "can_invite_users", "can_pin_messages", "can_manage_topics" })
            {
                member[right] = false;
            }

            member["until_date"] = 0;
        }
        else if (status == "kicked")
        {
            member["until_date"] = 0;
        }

        return member;
    }

    /// <summary>Makes getChat know a chat, by its id and (for channels) its @username.</summary>
    public void AddChat(long chatId, string type, string title, string? username = null)
    {
        var chat = ChatJson(chatId, type, title);
        chat["accent_color_id"] = 0;
        chat["max_reaction_count"] = 11;
        if (username is not null)
        {
            chat["username"] = username.TrimStart('@');
            chats["@" + username.TrimStart('@')] = chat;
        }

        chats[Id(chatId)] = chat;
    }

    public void Fail(FakeTelegramFailure failure)
    {
        lock (gate)
        {
            failures.Add(failure);
        }
    }

    /// <summary>The next <paramref name="times"/> sends answer 502 Bad Gateway.</summary>
    public void FailSends502(int times) => Fail(new FakeTelegramFailure(502, "Bad Gateway", times));

    public void FailSends429(int retryAfterSeconds, int times = 1, string? chatId = null) =>
        Fail(new FakeTelegramFailure(429, $"Too Many Requests: retry after {retryAfterSeconds}", times, retryAfterSeconds, ChatId: chatId));

    public void FailBlocked(string chatId, int times = int.MaxValue) =>
        Fail(new FakeTelegramFailure(403, "Forbidden: bot was blocked by the user", times, ChatId: chatId));

    public void FailChatNotFound(string chatId, int times = int.MaxValue) =>
        Fail(new FakeTelegramFailure(400, "Bad Request: chat not found", times, ChatId: chatId));

    public void ClearFailures()
    {
        lock (gate)
        {
            failures.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gate in held.Values)
        {
            gate.TrySetResult();
        }

        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
        updateSignal.Dispose();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static JsonObject ChatJson(long chatId, string type, string? title)
    {
        var chat = new JsonObject { ["id"] = chatId, ["type"] = type };
        if (type == "private")
        {
            chat["first_name"] = $"User {chatId}";
        }
        else
        {
            chat["title"] = title ?? $"Chat {chatId}";
        }

        return chat;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var prefix = $"/bot{Token}/";
        if (!HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsGet(context.Request.Method))
        {
            await WriteAsync(context, 405, Error(405, "Method Not Allowed"));
            return;
        }

        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            // A wrong token: Telegram answers 401 (404 for a malformed path).
            await WriteAsync(context, 401, Error(401, "Unauthorized"));
            return;
        }

        var method = path[prefix.Length..];
        var (body, file) = await ReadParametersAsync(context.Request);
        await WaitIfHeldAsync(method, body, context.RequestAborted);
        var failure = TakeFailure(method, body);
        if (failure is not null)
        {
            Record(method, body, failure.StatusCode, file);
            var error = Error(failure.StatusCode, failure.Description);
            if (failure.RetryAfter is { } retryAfter)
            {
                error["parameters"] = new JsonObject { ["retry_after"] = retryAfter };
            }

            await WriteAsync(context, failure.StatusCode, error);
            return;
        }

        if ((SendMethods.Contains(method) ? Check(method, body) : method == "sendChatAction" ? CheckAction(method, body) : null) is { } refused)
        {
            Record(method, body, refused.StatusCode, file);
            await WriteAsync(context, refused.StatusCode, refused.Body);
            return;
        }

        JsonNode? result;
        int status = 200;
        JsonObject? failed = null;
        switch (method.ToLowerInvariant())
        {
            case "getupdates":
                result = await GetUpdatesAsync(body, context.RequestAborted);
                break;
            case "getme":
                result = new JsonObject
                {
                    ["id"] = BotId,
                    ["is_bot"] = true,
                    ["first_name"] = "StockBot Test",
                    ["username"] = BotUsername,
                    ["can_join_groups"] = true,
                    ["can_read_all_group_messages"] = false,
                    ["supports_inline_queries"] = false,
                };
                break;
            case "sendmessage":
            case "sendphoto":
                result = MessageResult(body, method == "sendPhoto");
                CountSend(body);
                break;
            case "getchatmember":
                result = Member(body);
                break;
            case "getchat":
                if (Param(body, "chat_id") is { } key && chats.TryGetValue(key, out var chat))
                {
                    result = chat.DeepClone();
                }
                else
                {
                    result = null;
                    status = 400;
                    failed = Error(400, "Bad Request: chat not found");
                }

                break;
            default:
                // setMyCommands, deleteMessage, deleteWebhook, ...: true.
                result = JsonValue.Create(true);
                break;
        }

        Record(method, body, status, file);
        if (failed is not null)
        {
            await WriteAsync(context, status, failed);
            return;
        }

        if (SendMethods.Contains(method) && SendAnswerDelay > TimeSpan.Zero)
        {
            // The message is in the chat already; the answer is late (a process killed now never learns it was sent).
            await Task.Delay(SendAnswerDelay, context.RequestAborted);
        }

        await WriteAsync(context, 200, new JsonObject { ["ok"] = true, ["result"] = result });
    }

    private JsonObject MessageResult(JsonObject body, bool photo)
    {
        var chatKey = Param(body, "chat_id") ?? "0";
        JsonObject chat;
        if (chats.TryGetValue(chatKey, out var known))
        {
            chat = ChatJson((long)known["id"]!, (string)known["type"]!, (string?)known["title"]);
        }
        else
        {
            var id = long.TryParse(chatKey, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1001;
            chat = ChatJson(id, id > 0 ? "private" : "supergroup", null);
        }

        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref nextMessageId),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = chat,
            ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "StockBot Test", ["username"] = BotUsername },
        };
        if (photo)
        {
            message["photo"] = new JsonArray(new JsonObject { ["file_id"] = "photo-1", ["file_unique_id"] = "u1", ["width"] = 800, ["height"] = 400 });
            if (Param(body, "caption") is { } caption)
            {
                message["caption"] = caption;
            }
        }
        else
        {
            message["text"] = Param(body, "text") ?? string.Empty;
        }

        if (Param(body, "message_thread_id") is { } thread && int.TryParse(thread, NumberStyles.Integer, CultureInfo.InvariantCulture, out var threadId))
        {
            message["message_thread_id"] = threadId;
            message["is_topic_message"] = true;
        }

        return message;
    }

    private JsonNode Member(JsonObject body)
    {
        var chat = long.TryParse(Param(body, "chat_id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : 0;
        if (Param(body, "chat_id") is { } key && chats.TryGetValue(key, out var known))
        {
            chat = (long)known["id"]!;
        }

        var user = long.TryParse(Param(body, "user_id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var u) ? u : 0;
        if (members.TryGetValue((chat, user), out var member))
        {
            return member.DeepClone();
        }

        return new JsonObject
        {
            ["status"] = "member",
            ["user"] = new JsonObject { ["id"] = user, ["is_bot"] = user == BotId, ["first_name"] = $"User {user}" },
        };
    }

    private FakeTelegramFailure? TakeFailure(string method, JsonObject body)
    {
        lock (gate)
        {
            for (var i = 0; i < failures.Count; i++)
            {
                var failure = failures[i];
                var methodMatches = failure.Method is null ? SendMethods.Contains(method) : string.Equals(failure.Method, method, StringComparison.OrdinalIgnoreCase);
                if (!methodMatches || (failure.ChatId is not null && failure.ChatId != Param(body, "chat_id")))
                {
                    continue;
                }

                if (failure.Times <= 1)
                {
                    failures.RemoveAt(i);
                }
                else
                {
                    failures[i] = failure with { Times = failure.Times == int.MaxValue ? int.MaxValue : failure.Times - 1 };
                }

                return failure;
            }
        }

        return null;
    }

    private void Record(string method, JsonObject body, int status, byte[]? file)
    {
        var element = JsonDocument.Parse(body.ToJsonString()).RootElement.Clone();
        lock (gate)
        {
            calls.Add(new TelegramCall(method, element, status, file, DateTimeOffset.UtcNow, Clock.GetUtcNow()));
        }
    }

    private static string? Param(JsonObject body, string name) =>
        body.TryGetPropertyValue(name, out var value) && value is not null
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : null;

    private static async Task<(JsonObject Body, byte[]? File)> ReadParametersAsync(HttpRequest request)
    {
        var body = new JsonObject();
        byte[]? file = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                body[key] = value.ToString();
            }

            if (form.Files.Count > 0)
            {
                using var stream = new MemoryStream();
                await form.Files[0].CopyToAsync(stream);
                file = stream.ToArray();
                foreach (var part in form.Files)
                {
                    body[part.Name] = $"<file {part.FileName} {part.Length} bytes>";
                }
            }
        }
        else if (request.ContentLength is not 0)
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync();
            if (!string.IsNullOrWhiteSpace(text) && JsonNode.Parse(text) is JsonObject parsed)
            {
                body = parsed;
            }
        }

        foreach (var (key, value) in request.Query)
        {
            body[key] ??= value.ToString();
        }

        return (body, file);
    }

    private static JsonObject Error(int code, string description) =>
        new() { ["ok"] = false, ["error_code"] = code, ["description"] = description };

    private static async Task WriteAsync(HttpContext context, int status, JsonObject payload)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(payload.ToJsonString(), context.RequestAborted);
    }
}

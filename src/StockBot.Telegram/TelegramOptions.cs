using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace StockBot.Telegram;

/// <summary>The "Telegram" section: Token, ApiBaseUrl, AdminUserIds (a comma list or an array).</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";
    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    public string? Token { get; set; }

    /// <summary>A self-hosted Bot API server; Telegram's own when empty.</summary>
    public string? ApiBaseUrl { get; set; }

    public IReadOnlyList<long> AdminUserIds { get; set; } = [];

    /// <summary>AdminUserIds entries that are not user ids, as written (reported by validation).</summary>
    internal IReadOnlyList<string> InvalidAdminUserIds { get; set; } = [];

    public bool IsAdmin(long userId) => AdminUserIds.Contains(userId);

    internal string EffectiveBaseUrl => string.IsNullOrWhiteSpace(ApiBaseUrl) ? DefaultApiBaseUrl : ApiBaseUrl.Trim().TrimEnd('/');

    /// <summary>Binds by hand, since AdminUserIds may be "1, 2" as well as an array.</summary>
    internal static void Bind(IConfigurationSection section, TelegramOptions options)
    {
        options.Token = section["Token"]?.Trim();
        options.ApiBaseUrl = section["ApiBaseUrl"]?.Trim();
        var admins = section.GetSection("AdminUserIds");
        var raw = new List<string>();
        if (!string.IsNullOrWhiteSpace(admins.Value))
        {
            raw.AddRange(admins.Value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        raw.AddRange(admins.GetChildren().Select(c => c.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v))!);
        var ids = new List<long>();
        var invalid = new List<string>();
        foreach (var entry in raw)
        {
            if (long.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                ids.Add(id);
            }
            else
            {
                invalid.Add(entry);
            }
        }

        options.AdminUserIds = ids.Distinct().ToList();
        options.InvalidAdminUserIds = invalid;
    }
}

/// <summary>One clear line per problem; never the token itself.</summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Token) || !TokenShape().IsMatch(options.Token))
        {
            failures.Add("Telegram:Token must be a bot token from @BotFather: digits, a colon, then letters, digits, '-' or '_' (e.g. 123456789:AA...).");
        }

        if (!string.IsNullOrWhiteSpace(options.ApiBaseUrl)
            && (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.Query)))
        {
            failures.Add($"Telegram:ApiBaseUrl must be an http(s) URL of a Bot API server (e.g. {TelegramOptions.DefaultApiBaseUrl}), without the /bot<token> part.");
        }

        foreach (var entry in options.InvalidAdminUserIds)
        {
            failures.Add($"Telegram:AdminUserIds: '{Shorten(entry)}' is not a Telegram user id (a positive number; ask @userinfobot for yours).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..27] + "...";

    [GeneratedRegex(@"^\d{1,20}:[A-Za-z0-9_-]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenShape();
}

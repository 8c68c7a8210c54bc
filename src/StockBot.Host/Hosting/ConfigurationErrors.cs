using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace StockBot.Host.Hosting;

/// <summary>
/// A setting that is wrong, told as one line naming the key, what was given and what is allowed, instead of the
/// binder's "String '1m' was not recognized as a valid TimeSpan." or a validator's "One or more errors occurred".
/// </summary>
public static partial class ConfigurationErrors
{
    private static readonly string[] SecretWords = ["Token", "Secret", "Key", "Password", "ConnectionString", "Webhook"];

    /// <summary>The lines for <paramref name="exception"/> when it is about configuration; null when it is not.</summary>
    public static IReadOnlyList<string>? Describe(Exception exception, IConfiguration? configuration)
    {
        var lines = new List<string>();
        foreach (var inner in Flatten(exception))
        {
            switch (inner)
            {
                case OptionsValidationException validation:
                    lines.AddRange(validation.Failures.Select(f => WithValue(Unwrap(f), configuration)));
                    break;
                case InvalidOperationException conversion when ConversionFailure().Match(conversion.Message) is { Success: true } match:
                    lines.Add($"{match.Groups["key"].Value}: '{match.Groups["value"].Value}' is not {Allowed(match.Groups["type"].Value)}");
                    break;
                default:
                    return null;
            }
        }

        return lines.Count == 0 ? null : lines.Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<Exception> Flatten(Exception exception) => exception is AggregateException aggregate
        ? aggregate.Flatten().InnerExceptions
        : [exception];

    private static string Allowed(string type) => type switch
    {
        "System.TimeSpan" => "a duration; write it as hh:mm:ss (00:01:00 is one minute, 1.00:00:00 one day)",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number (with a dot for decimals)",
        "System.Boolean" => "true or false",
        "System.Uri" => "an absolute URL",
        _ => $"a valid {type[(type.LastIndexOf('.') + 1)..]}",
    };

    // DataAnnotations wrap our own message ("Monitoring:Interval must be ...") in their own sentence.
    private static string Unwrap(string failure) =>
        DataAnnotationFailure().Match(failure) is { Success: true } match ? match.Groups["message"].Value : failure;

    private static string WithValue(string message, IConfiguration? configuration)
    {
        var key = SettingKey().Match(message);
        if (!key.Success || configuration?[key.Value] is not { } given)
        {
            return message;
        }

        // A token or key is a secret even when it is wrong: say that it was given, never what it was.
        var secret = SecretWords.Any(w => key.Value.Contains(w, StringComparison.OrdinalIgnoreCase));
        return $"{message.TrimEnd('.')} (given: {(secret ? $"a value of {given.Length} characters" : $"'{given}'")}).";
    }

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'\.", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"with the error: '(?<message>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+(:[A-Z][A-Za-z0-9]+)+\b")]
    private static partial Regex SettingKey();
}

namespace StockBot.Core;

/// <summary>What kind of bad input: front ends that answer with a status (the API: 400, 404, 409) tell them apart.</summary>
public enum InputErrorKind
{
    Invalid,

    /// <summary>An id that names no row.</summary>
    NotFound,

    /// <summary>A row that would repeat one there is (a name, a monitored product, a subscription's scope).</summary>
    Duplicate,
}

/// <summary>
/// Bad input from a user: names the field and what is allowed. Front ends show the message as
/// one line (the CLI exits 2), and nothing has been written when it is thrown.
/// </summary>
public sealed class InputException(string field, string message, InputErrorKind kind = InputErrorKind.Invalid) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;

    public string Detail { get; } = message;

    public InputErrorKind Kind { get; } = kind;

    public static InputException NotFound(string field, string what, long id) =>
        new(field, $"no {what} with id {id}", InputErrorKind.NotFound);

    public static InputException Duplicate(string field, string message) => new(field, message, InputErrorKind.Duplicate);
}

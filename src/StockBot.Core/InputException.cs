namespace StockBot.Core;

/// <summary>
/// Bad input from a user: names the field and what is allowed. Front ends show the message as
/// one line (the CLI exits 2), and nothing has been written when it is thrown.
/// </summary>
public sealed class InputException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;

    public string Detail { get; } = message;

    public static InputException NotFound(string field, string what, long id) =>
        new(field, $"no {what} with id {id}");
}

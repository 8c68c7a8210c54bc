namespace StockBot.Core.Configuration;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Base64 of 32 bytes; when empty a key file beside the database is used.</summary>
    public string? EncryptionKey { get; set; }
}

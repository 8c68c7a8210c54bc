using System.Security.Cryptography;

namespace StockBot.Core.Security;

/// <summary>
/// Finds the key for <see cref="SecretProtector"/>: Security:EncryptionKey if set, else a key file
/// beside the database, created (mode 0600) on first use.
/// </summary>
public static class EncryptionKeyProvider
{
    public const string KeyFileName = "stockbot.key";

    public static byte[] Resolve(string? configuredKey, string? databaseFilePath)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            return Parse(configuredKey);
        }

        if (databaseFilePath is null)
        {
            // An in-memory database lives only as long as the process, and so may its key.
            return RandomNumberGenerator.GetBytes(32);
        }

        var keyPath = Path.Combine(Path.GetDirectoryName(databaseFilePath) ?? ".", KeyFileName);
        if (File.Exists(keyPath))
        {
            return Parse(File.ReadAllText(keyPath).Trim(), keyPath);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(keyPath) ?? ".");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(keyPath, System.Text.Encoding.ASCII, options);
            writer.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(keyPath))
        {
            // Another process created it first: use theirs, so both agree.
            return Parse(File.ReadAllText(keyPath).Trim(), keyPath);
        }

        return key;
    }

    public static byte[] Parse(string base64, string source = "Security:EncryptionKey")
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source}: must be the base64 of 32 random bytes (e.g. `openssl rand -base64 32`).");
        }

        if (key.Length != 32)
        {
            throw new InvalidOperationException($"{source}: must be the base64 of 32 bytes, not {key.Length}.");
        }

        return key;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace StockBot.Core.Security;

/// <summary>AES-GCM for API secrets at rest: "v1:" + base64(nonce | tag | ciphertext).</summary>
public sealed class SecretProtector
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key;

    public SecretProtector(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The encryption key must be 32 bytes.", nameof(key));
        }

        this.key = key;
    }

    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var buffer = new byte[NonceSize + TagSize + plain.Length];
        var nonce = buffer.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, buffer.AsSpan(NonceSize + TagSize), buffer.AsSpan(NonceSize, TagSize));
        return Prefix + Convert.ToBase64String(buffer);
    }

    public string Unprotect(string protectedValue)
    {
        if (!protectedValue.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("The stored secret is not in a known format.");
        }

        var buffer = Convert.FromBase64String(protectedValue[Prefix.Length..]);
        if (buffer.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The stored secret is truncated.");
        }

        var plain = new byte[buffer.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(buffer.AsSpan(0, NonceSize), buffer.AsSpan(NonceSize + TagSize), buffer.AsSpan(NonceSize, TagSize), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CryptographicException(
                "A stored API secret cannot be decrypted with this encryption key (was Security:EncryptionKey or the key file changed?).");
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>What a listing may show of a secret: enough to tell two apart, never enough to use.</summary>
    public static string Mask(string plaintext) =>
        plaintext.Length >= 8 ? "****" + plaintext[^4..] : "****";
}

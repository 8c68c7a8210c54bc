using System.Security.Cryptography;
using System.Text;

namespace StockBot.Core.ApiTokens;

/// <summary>A token as `token list` shows it: never the token, never its hash.</summary>
public sealed record ApiTokenView(int Id, string Name, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>A token just made: <see cref="Token"/> is shown this once and stored nowhere.</summary>
public sealed record CreatedApiToken(ApiTokenView View, string Token);

/// <summary>
/// Management API tokens: made, listed and revoked from the command line only (never in chat), checked on every
/// API request. A token is "sbt_" and 32 random bytes (base64url); only its SHA-256 is stored. A slow password
/// hash (PBKDF2, Argon2) protects guessable human passwords; 256 random bits cannot be guessed, so one SHA-256
/// is as safe here and keeps the per-request check cheap.
/// </summary>
public sealed class ApiTokenService(StockBotDbContext db, TimeProvider time)
{
    public const string Prefix = "sbt_";

    /// <summary>`last_used_at` is written at most this often per token, so a busy client does not write on every request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiToken> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var trimmed = Validate.Name("name", name, 100);
        if (await db.ApiTokens.AnyAsync(t => t.Name == trimmed, cancellationToken))
        {
            throw InputException.Duplicate("name", $"a token named '{trimmed}' already exists; names must be unique");
        }

        var token = Prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var row = new ApiToken { Name = trimmed, TokenHash = Hash(token), CreatedAt = time.GetUtcNow().UtcDateTime };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiToken(ToView(row), token);
    }

    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return rows.Select(ToView).ToList();
    }

    /// <summary>Ends a token: requests with it get 401 from now on. Revoking one already revoked keeps the first time.</summary>
    public async Task<ApiTokenView> RevokeAsync(int id, CancellationToken cancellationToken)
    {
        var row = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw InputException.NotFound("id", "token", id);
        if (row.RevokedAt is null)
        {
            row.RevokedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        return ToView(row);
    }

    /// <summary>The live token <paramref name="token"/> is, or null (unknown, malformed or revoked); notes its use.</summary>
    public async Task<ApiTokenView?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var row = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        // The lookup is by hash, so timing reveals nothing of the token; compare again in constant time regardless.
        if (row is null || row.RevokedAt is not null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.TokenHash), Encoding.ASCII.GetBytes(hash)))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (row.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return ToView(row);
    }

    /// <summary>Lower-case hex SHA-256 of the token's text.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static ApiTokenView ToView(ApiToken t) => new(t.Id, t.Name, t.CreatedAt, t.LastUsedAt, t.RevokedAt);
}

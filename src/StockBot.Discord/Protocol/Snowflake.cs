namespace StockBot.Discord.Protocol;

/// <summary>Discord ids: the top 42 bits are milliseconds since Discord's epoch (2015-01-01 UTC).</summary>
public static class Snowflake
{
    public const long DiscordEpochMs = 1_420_070_400_000;

    private const int TimestampShift = 22;

    /// <summary>When the id was minted; null when it is not a snowflake.</summary>
    public static DateTimeOffset? Time(string? id) =>
        ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(value >> TimestampShift) + DiscordEpochMs)
            : null;

    /// <summary>An id minted at <paramref name="time"/> (fakes and tests).</summary>
    public static string At(DateTimeOffset time, int increment = 0) =>
        ((((ulong)(time.ToUnixTimeMilliseconds() - DiscordEpochMs)) << TimestampShift) | (uint)(increment & 0xFFF)).ToString(CultureInfo.InvariantCulture);
}

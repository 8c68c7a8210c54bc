namespace StockBot.Bench;

internal static class Stats
{
    /// <summary>Nearest-rank percentile, <paramref name="p"/> in 0..100.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>The benchmark could not produce its figures (e.g. the engine reported errors); exit code 1.</summary>
internal sealed class BenchFailure(string message) : Exception(message);

/// <summary>Progress lines go to stderr, so that --json leaves stdout with the one JSON object.</summary>
internal static class Progress
{
    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    public static void Say(string message) =>
        Console.Error.WriteLine($"[{Clock.Elapsed:mm\\:ss}] {message}");
}

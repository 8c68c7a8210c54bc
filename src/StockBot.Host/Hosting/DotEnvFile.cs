namespace StockBot.Host.Hosting;

/// <summary>Reads a .env file as configuration (KEY=value, `__` for `:`), without touching the process environment.</summary>
public static class DotEnvFile
{
    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var values = DotNetEnv.Env.Load(path, new DotNetEnv.LoadOptions(setEnvVars: false, clobberExistingVars: false, onlyExactPath: true));
        return values
            .Select(pair => new KeyValuePair<string, string?>(pair.Key.Replace("__", ":", StringComparison.Ordinal), pair.Value))
            .ToList();
    }
}

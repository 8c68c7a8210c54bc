using System.Globalization;

namespace StockBot.Bench;

/// <summary>The command line. Bad input throws <see cref="UsageException"/>: one line, exit code 2.</summary>
internal sealed class BenchOptions
{
    public const string Usage =
        "usage: stockbot-bench [--websites N] [--products N] [--latency-ms N] [--concurrency N] [--cycles N] " +
        "[--history-records N] [--history-calls N] [--profile-cycles N] [--seed N] [--experiment none|busy-timeout|write-gate] [--quick] [--json] [--keep-db] [--simulator-in-process] [--provider sqlite|postgres] [--connection STRING] [--instances 1|2] [--storefront [--gap-ms N] [--groups N] [--warmup-cycles N]] [--storefront-parse]";

    public int Websites { get; private set; } = 500;
    public int Products { get; private set; } = 20;
    public int LatencyMs { get; private set; } = 50;
    public int Concurrency { get; private set; } = 32;
    public int Cycles { get; private set; } = 100;
    public int HistoryRecords { get; private set; } = 1_000_000;
    public int HistoryCalls { get; private set; } = 1_000;
    public int ProfileCycles { get; private set; } = 5;
    public int Seed { get; private set; } = 42;
    public string Experiment { get; private set; } = "none";
    public bool Quick { get; private set; }
    public bool Json { get; private set; }
    public bool KeepDb { get; private set; }
    public bool Help { get; private set; }

    /// <summary>Storefront mode: the websites are read from their order pages instead of the API.</summary>
    public bool Storefront { get; private set; }

    /// <summary>The storefront reader's CPU per listing page, per family and step, without I/O.</summary>
    public bool StorefrontParse { get; private set; }

    /// <summary>The simulator in the bench process (the old figures: CPU net of a calibration, memory including the simulator's).</summary>
    public bool SimulatorInProcess { get; private set; }

    /// <summary>Internal: this process is the storefront bench's simulator child (driven over stdin/stdout).</summary>
    public bool ServeSimulator { get; private set; }

    /// <summary>Internal: this process is the API bench's simulator child (driven over stdin/stdout).</summary>
    public bool ServeApiSimulator { get; private set; }

    /// <summary>Storefront:MinRequestGap, the politeness gap between two requests to one host.</summary>
    public int GapMs { get; private set; } = 1000;

    /// <summary>Product groups per storefront website (one listing request each).</summary>
    public int Groups { get; private set; } = 4;

    /// <summary>
    /// Storefront cycles run before the measured ones. The first records and reads the catalogue; the others move
    /// stock and put it back, so the measured cycles see the same stores (and draws) at any count. More than one lets
    /// JIT tiering finish, as it has in a bot that has run for more than a few minutes.
    /// </summary>
    public int WarmupCycles { get; private set; } = DefaultStorefrontWarmupCycles;

    /// <summary>Enough for tier-1 to be done before the measured cycles (bench/RESULTS.md, H11d: JIT time per cycle).</summary>
    public const int DefaultStorefrontWarmupCycles = 3;

    /// <summary>The engine's database: sqlite (a temporary file) or postgres (<see cref="Connection"/>, or a throwaway server).</summary>
    public string Provider { get; private set; } = "sqlite";

    /// <summary>A PostgreSQL server to use (a database of its own is created on it and dropped after); null: start a throwaway one.</summary>
    public string? Connection { get; private set; }

    /// <summary>Engine instances: 2 runs each in a child process of its own against the same simulator and database.</summary>
    public int Instances { get; private set; } = 1;

    /// <summary>Internal: this process is one engine instance (its Cluster:InstanceName), driven over stdin/stdout.</summary>
    public string? ServeEngine { get; private set; }

    public bool Postgres => Provider == "postgres";

    public int Monitors => Websites * Products;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = Split(arg);
            switch (name)
            {
                case "--json": options.Json = true; continue;
                case "--quick": options.Quick = true; continue;
                case "--keep-db": options.KeepDb = true; continue;
                case "--storefront": options.Storefront = true; continue;
                case "--storefront-parse": options.StorefrontParse = true; continue;
                case "--simulator-in-process": options.SimulatorInProcess = true; continue;
                case "--serve-simulator": options.ServeSimulator = true; continue;
                case "--serve-api-simulator": options.ServeApiSimulator = true; continue;
                case "-h" or "--help": options.Help = true; continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            string value;
            if (inline is not null)
            {
                value = inline;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"{name} needs a value");
            }

            seen.Add(name);
            switch (name)
            {
                case "--websites": options.Websites = Int(name, value, 1, 100_000); break;
                case "--products": options.Products = Int(name, value, 1, 1_000); break;
                case "--latency-ms": options.LatencyMs = Int(name, value, 0, 10_000); break;
                case "--concurrency": options.Concurrency = Int(name, value, 1, 256); break;
                case "--cycles": options.Cycles = Int(name, value, 1, 100_000); break;
                case "--history-records": options.HistoryRecords = Int(name, value, 0, 50_000_000); break;
                case "--history-calls": options.HistoryCalls = Int(name, value, 1, 1_000_000); break;
                case "--profile-cycles": options.ProfileCycles = Int(name, value, 0, 1_000); break;
                case "--seed": options.Seed = Int(name, value, 0, int.MaxValue); break;
                case "--gap-ms": options.GapMs = Int(name, value, 0, 60_000); break;
                case "--groups": options.Groups = Int(name, value, 1, 100); break;
                case "--warmup-cycles": options.WarmupCycles = Int(name, value, 1, 100); break;
                case "--provider":
                    options.Provider = value is "sqlite" or "postgres" ? value : throw new UsageException($"--provider must be sqlite or postgres (got '{value}')");
                    break;
                case "--connection":
                    options.Connection = string.IsNullOrWhiteSpace(value) ? throw new UsageException("--connection must be a PostgreSQL connection string (Host=...;Username=...)") : value;
                    break;
                case "--instances": options.Instances = Int(name, value, 1, 2); break;
                case "--serve-engine": options.ServeEngine = value; break;
                case "--experiment":
                    options.Experiment = Experiments.All.Contains(value, StringComparer.Ordinal)
                        ? value
                        : throw new UsageException($"--experiment must be one of {string.Join(", ", Experiments.All)} (got '{value}')");
                    break;
                default: throw new UsageException($"unknown option '{name}'");
            }
        }

        if (options.Quick)
        {
            // --quick only lowers what was not given explicitly.
            if (!seen.Contains("--cycles"))
            {
                // A storefront cycle is bound by the politeness gap (about a minute at the defaults).
                options.Cycles = options.Storefront ? 3 : 10;
            }

            if (!seen.Contains("--history-records"))
            {
                options.HistoryRecords = 100_000;
            }

            if (!seen.Contains("--history-calls"))
            {
                options.HistoryCalls = 1_000;
            }

            if (!seen.Contains("--profile-cycles"))
            {
                options.ProfileCycles = 2;
            }
        }

        if (options.Connection is not null && !options.Postgres)
        {
            throw new UsageException("--connection needs --provider postgres");
        }

        if (options.Instances == 2 && !options.Postgres)
        {
            throw new UsageException("--instances 2 needs --provider postgres (SQLite is one instance's file)");
        }

        if (options.Postgres && (options.Storefront || options.Experiment != "none"))
        {
            throw new UsageException("--provider postgres runs the API bench only (no --storefront, no --experiment)");
        }

        if ((long)options.Websites * options.Products > 2_000_000)
        {
            throw new UsageException("--websites x --products must be at most 2000000");
        }

        return options;
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 2 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static int Int(string name, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            throw new UsageException($"{name} must be an integer from {min} to {max} (got '{value}')");
        }

        return parsed;
    }
}

internal sealed class UsageException(string message) : Exception(message);

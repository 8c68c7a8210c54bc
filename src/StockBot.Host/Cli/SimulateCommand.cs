using System.Security.Cryptography;
using StockBot.Simulator;

namespace StockBot.Host.Cli;

/// <summary>
/// `stockbot simulate`: a simulated WHMCS store on 127.0.0.1 that a person (or the README's own test) can point
/// `website add` at, to try the first-real-site steps without a provider's credentials.
/// </summary>
internal static class SimulateCommand
{
    public static Command Build(CliEnvironment environment)
    {
        var products = new Option<int>("--products") { Description = "How many products (pids 101, 102, ...; 1-50, default 3)", DefaultValueFactory = _ => 3 };
        var move = new Option<int>("--move-seconds") { Description = "Seconds between stock changes (0: never; default 10)", DefaultValueFactory = _ => 10 };
        var simulate = Args.Command("simulate", "Serve a simulated WHMCS store on 127.0.0.1 until stopped (for trying the README's steps)", products, move);
        simulate.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(products);
            var every = parse.GetValue(move);
            if (count is < 1 or > 50)
            {
                await environment.Error.WriteLineAsync("error: --products: must be between 1 and 50");
                return ExitCodes.BadInput;
            }

            if (every is < 0 or > 3600)
            {
                await environment.Error.WriteLineAsync("error: --move-seconds: must be between 0 and 3600");
                return ExitCodes.BadInput;
            }

            await using var simulator = await WhmcsSimulator.StartAsync(cancellationToken: ct);
            var store = simulator.AddStore("sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
            for (var i = 0; i < count; i++)
            {
                store.AddProduct(101 + i, $"Simulated VPS {i + 1}", 5 + i);
            }

            // One line per fact, `key=value`, so a script can read them.
            await environment.Out.WriteLineAsync($"url={store.WebsiteUrl}");
            await environment.Out.WriteLineAsync($"api_identifier={store.Identifier}");
            await environment.Out.WriteLineAsync($"api_secret={store.Secret}");
            await environment.Out.WriteLineAsync($"products={string.Join(',', Enumerable.Range(101, count))}");
            await environment.Out.WriteLineAsync("Serving until Ctrl+C.");
            await environment.Out.FlushAsync(ct);
            var random = new Random();
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    await Task.Delay(every == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(every), ct);
                    var moved = simulator.MoveStock(0.5, random);
                    await environment.Out.WriteLineAsync($"moved the stock of {moved} product(s)");
                    await environment.Out.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }

            return ExitCodes.Success;
        });
        return simulate;
    }
}

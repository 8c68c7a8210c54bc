using System.Diagnostics;
using System.Globalization;

namespace StockBot.Bench;

/// <summary>
/// A simulator in a child process of the bench executable, driven one line per command over stdin/stdout.
/// Shared by the API and storefront benches, so the bench process's CPU and memory are StockBot's alone.
/// </summary>
internal sealed class SimulatorChild(Process process, int port) : IAsyncDisposable
{
    public int Port => port;

    /// <summary>Starts this executable with <paramref name="args"/> and waits for its "ready PORT" line.</summary>
    public static async Task<SimulatorChild> LaunchAsync(IEnumerable<string> args, CancellationToken ct)
    {
        var self = Environment.ProcessPath ?? throw new BenchFailure("cannot tell the bench's own executable");
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(SimulatorChild).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new BenchFailure("the simulator process did not start");
        var ready = await process.StandardOutput.ReadLineAsync(ct);
        if (ready is null || !ready.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.Kill();
            process.Dispose();
            throw new BenchFailure($"the simulator process did not get ready (said '{ready}')");
        }

        return new SimulatorChild(process, int.Parse(ready.AsSpan(6), CultureInfo.InvariantCulture));
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The child's side: says "ready PORT", then answers one line per command on stdin until it closes.</summary>
    public static async Task ServeAsync(int port, Func<string, Task<string?>> answer, CancellationToken ct)
    {
        var output = Console.Out;
        await output.WriteLineAsync($"ready {Text(port)}");
        await output.FlushAsync(ct);
        while (await Console.In.ReadLineAsync(ct) is { } command)
        {
            var reply = command == "cpu"
                ? ProcessCpu().Ticks.ToString(CultureInfo.InvariantCulture)
                : await answer(command) ?? $"error unknown command '{command}'";
            await output.WriteLineAsync(reply);
            await output.FlushAsync(ct);
        }
    }

    public static async Task<string?> Ok(Task task)
    {
        await task;
        return "ok";
    }

    public static TimeSpan ProcessCpu()
    {
        using var current = Process.GetCurrentProcess();
        current.Refresh();
        return current.TotalProcessorTime;
    }

    public async Task<string> AskAsync(string command, CancellationToken ct)
    {
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync(ct);
        var answer = await process.StandardOutput.ReadLineAsync(ct);
        return answer is null || answer.StartsWith("error", StringComparison.Ordinal)
            ? throw new BenchFailure($"the simulator process answered '{command}' with '{answer}'")
            : answer;
    }

    public async Task<long> AskLongAsync(string command, CancellationToken ct) =>
        long.Parse(await AskAsync(command, ct), CultureInfo.InvariantCulture);

    public async Task<TimeSpan> CpuAsync(CancellationToken ct) => TimeSpan.FromTicks(await AskLongAsync("cpu", ct));

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }

        process.Dispose();
    }
}

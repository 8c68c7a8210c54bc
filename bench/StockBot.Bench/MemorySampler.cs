using System.Diagnostics;

namespace StockBot.Bench;

/// <summary>
/// Samples this process's working set and GC heap on a thread of its own while the measured cycles run, so the
/// figure is the cycles' peak, apart from setup (the lifetime peak includes inserting every website).
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private const double MiB = 1024.0 * 1024.0;
    private readonly Thread thread;
    private volatile bool stopped;
    private long peakWorkingSet;
    private long peakHeap;

    private MemorySampler(TimeSpan interval)
    {
        thread = new Thread(() =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stopped)
            {
                Sample(process);
                Thread.Sleep(interval);
            }

            Sample(process);
        })
        { IsBackground = true, Name = "bench memory sampler" };
        thread.Start();
    }

    public double PeakWorkingSetMb => Interlocked.Read(ref peakWorkingSet) / MiB;

    /// <summary>The largest GC heap (all generations, LOH and POH, fragmentation included) at any sample.</summary>
    public double PeakHeapMb => Interlocked.Read(ref peakHeap) / MiB;

    public static MemorySampler Start() => new(TimeSpan.FromMilliseconds(50));

    public static double LifetimePeakMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / MiB;
    }

    /// <summary>The managed heap after a full, compacting, blocking collection: what the bot really keeps.</summary>
    public static double HeapAfterFullGcMb()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false) / MiB;
    }

    public void Stop()
    {
        stopped = true;
        thread.Join();
    }

    public void Dispose()
    {
        if (!stopped)
        {
            Stop();
        }
    }

    private void Sample(Process process)
    {
        process.Refresh();
        Max(ref peakWorkingSet, process.WorkingSet64);
        Max(ref peakHeap, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
    }

    private static void Max(ref long target, long value)
    {
        if (value > Interlocked.Read(ref target))
        {
            Interlocked.Exchange(ref target, value);
        }
    }
}

using System.Diagnostics;
using System.Runtime.Versioning;

namespace StockBot.Host.Tests;

/// <summary>
/// Makes files and folders unwritable in a way that holds for root too: root ignores file modes (chmod 444 stops
/// nobody), but not the immutable attribute (chattr +i, ext4 and most Linux filesystems). As another user the modes
/// are taken away instead, which stops new opens only. Undone on dispose, so the temp folder can be deleted.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class FrozenPaths : IDisposable
{
    private readonly List<(string Path, UnixFileMode Mode)> frozen = [];

    /// <summary>Whether a file already open for writing stops taking writes too (the immutable attribute does, modes do not).</summary>
    public static bool StopsOpenFiles { get; } = Environment.UserName == "root" && CanSetImmutable();

    public void Freeze(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if (StopsOpenFiles)
        {
            Chattr("+i", path);
        }
        else
        {
            File.SetUnixFileMode(path, mode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        }

        frozen.Add((path, mode));
    }

    /// <summary>Writable again, last frozen first.</summary>
    public void Thaw()
    {
        for (var i = frozen.Count - 1; i >= 0; i--)
        {
            var (path, mode) = frozen[i];
            if (StopsOpenFiles)
            {
                Chattr("-i", path);
            }
            else
            {
                File.SetUnixFileMode(path, mode);
            }
        }

        frozen.Clear();
    }

    public void Dispose() => Thaw();

    private static bool CanSetImmutable()
    {
        var probe = Path.Combine(Path.GetTempPath(), $"stockbot-chattr-{Guid.NewGuid():N}");
        File.WriteAllText(probe, "probe");
        try
        {
            if (Run("+i", probe) != 0)
            {
                return false;
            }

            Run("-i", probe);
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
        finally
        {
            File.Delete(probe);
        }
    }

    private static void Chattr(string change, string path)
    {
        if (Run(change, path) != 0)
        {
            throw new InvalidOperationException($"chattr {change} {path} failed");
        }
    }

    private static int Run(string change, string path)
    {
        using var chattr = Process.Start(new ProcessStartInfo("chattr", [change, path]) { RedirectStandardError = true, UseShellExecute = false })!;
        chattr.WaitForExit();
        return chattr.ExitCode;
    }
}

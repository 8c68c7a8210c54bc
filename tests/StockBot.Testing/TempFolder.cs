using Microsoft.Data.Sqlite;

namespace StockBot.Testing;

/// <summary>A temporary folder of one test, removed with everything in it when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "stockbot-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        // Pooled SQLite connections keep the database files open; let them go before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process that is ending; the OS cleans its temp folder.
        }
        catch (UnauthorizedAccessException)
        {
            // A test made something read-only on purpose; the OS cleans its temp folder.
        }
    }
}

using Microsoft.Data.Sqlite;
using SQLitePCL;
using StockBot.Data.Providers;

namespace StockBot.Data;

/// <summary>What is wrong with the database file itself, as opposed to a bug or a bad query: the operator's to fix.</summary>
public enum DatabaseFaultKind
{
    /// <summary>SQLITE_READONLY or SQLITE_PERM: the file (or its folder) may not be written.</summary>
    ReadOnly,

    /// <summary>SQLITE_CANTOPEN: the file cannot be opened or created, mostly a folder StockBot may not write to.</summary>
    CannotOpen,

    /// <summary>SQLITE_NOTADB: the file is something else.</summary>
    NotADatabase,

    /// <summary>SQLITE_CORRUPT: the file is a damaged database.</summary>
    Damaged,

    /// <summary>SQLITE_FULL: the disk (or the database's size limit) is full.</summary>
    DiskFull,

    /// <summary>SQLITE_IOERR: the operating system refused a read or write (a volume gone read-only under the process).</summary>
    IoError,

    /// <summary>PostgreSQL: the server cannot be reached, or is shutting down / starting up (57P01, 57P03).</summary>
    Unreachable,

    /// <summary>PostgreSQL: the server refused the user name or password (28P01, 28000).</summary>
    LoginFailed,

    /// <summary>PostgreSQL: the database named in the connection string does not exist (3D000).</summary>
    NoDatabase,
}

/// <summary>A database fault as one line for the operator: what is wrong and what to do.</summary>
public sealed record DatabaseFault(DatabaseFaultKind Kind, string Message);

/// <summary>
/// The one place that tells a broken database (read-only, not SQLite, damaged, disk full) from any other failure,
/// so the CLI, `run` and the health check say the same line and nobody prints a stack trace or SQL for it.
/// </summary>
public static class DatabaseFaults
{
    /// <summary>Whether <paramref name="exception"/> is a database fault on either engine (for log filters that have no dialect).</summary>
    public static bool IsFault(Exception exception) => Classify(exception, string.Empty) is not null || PostgresDialect.IsFault(exception);

    /// <summary>The fault behind <paramref name="exception"/> (or one it wraps), or null when it is not a database fault.</summary>
    /// <param name="database">The database as the operator configured it, e.g. "data/stockbot.db".</param>
    public static DatabaseFault? Classify(Exception exception, string database)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException sqlite && Describe(sqlite.SqliteErrorCode & 0xFF, database) is { } fault)
            {
                return fault;
            }
        }

        return null;
    }

    /// <summary>The database file as the connection string names it (relative paths stay relative), for messages.</summary>
    public static string Shown(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return DataServiceCollectionExtensions.DatabaseFilePath(connectionString) is null ? "the in-memory database" : builder.DataSource;
    }

    private static DatabaseFault? Describe(int code, string database) => code switch
    {
        raw.SQLITE_READONLY or raw.SQLITE_PERM => new(DatabaseFaultKind.ReadOnly, $"the database at {database} is read-only: check the volume's permissions"),
        raw.SQLITE_CANTOPEN => new(DatabaseFaultKind.CannotOpen, $"the database at {database} cannot be opened: check that its folder exists and StockBot may write to it (the volume's permissions)"),
        raw.SQLITE_NOTADB => new(DatabaseFaultKind.NotADatabase, $"the database at {database} is not a SQLite database: restore a backup (`stockbot db restore FILE`) or point ConnectionStrings:StockBot elsewhere"),
        raw.SQLITE_CORRUPT => new(DatabaseFaultKind.Damaged, $"the database at {database} is damaged: restore a backup (`stockbot db restore FILE`)"),
        raw.SQLITE_FULL => new(DatabaseFaultKind.DiskFull, $"the disk holding the database at {database} is full: free some space; StockBot goes on by itself once it can write"),
        raw.SQLITE_IOERR => new(DatabaseFaultKind.IoError, $"the database at {database} cannot be written (disk I/O error): check the volume is mounted read-write and the disk is healthy"),
        _ => null,
    };
}

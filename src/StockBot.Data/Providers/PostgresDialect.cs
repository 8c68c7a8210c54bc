using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace StockBot.Data.Providers;

/// <summary>
/// PostgreSQL through Npgsql: a server shared by several instances. Id lists are arrays (<c>= ANY(@ids)</c>);
/// faults are the server's SQLSTATE codes or a connection that could not be made, named by host:port and
/// database (never the password).
/// </summary>
public sealed class PostgresDialect : DatabaseDialect
{
    private readonly string server;
    private readonly string database;

    public PostgresDialect(string connectionString)
        : base(connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The configuration check says what is wrong with it; until then, name nothing from it.
            builder = new NpgsqlConnectionStringBuilder();
        }

        server = $"{(string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host)}:{builder.Port}";
        database = string.IsNullOrEmpty(builder.Database) ? builder.Username ?? "postgres" : builder.Database;
    }

    // Every cycle rewrites each monitor's row (last_checked_at, last values) and each website's lease twice. In
    // PostgreSQL's MVCC a row update is a new row version: with room left on its page and no indexed column
    // changed it is a heap-only (HOT) update, with no index entries to add and the old version pruned in place;
    // on a full page (the default fill factor, 100) every update also writes all the table's indexes.
    // Half of each page free: a row's next version fits beside it until the page is pruned.
    private const int RewrittenEveryCycleFillFactor = 50;

    /// <summary>The model's PostgreSQL-only storage settings (StockBotDbContext calls it on this provider).</summary>
    public static void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MonitorConfig>().HasStorageParameter("fillfactor", RewrittenEveryCycleFillFactor);
        modelBuilder.Entity<WebsiteLease>().HasStorageParameter("fillfactor", RewrittenEveryCycleFillFactor);
    }

    public override bool SharedByInstances => true;

    // One connection in a website's transaction is mostly waiting for the server's round trips: eight in turn keep a
    // cycle of 32 concurrent reads from queueing on a single writer, well inside Npgsql's pool of 100.
    public override int ConcurrentWriters => 8;

    public override string Name => PostgresName;

    public override string Shown => $"{database} on {server}";

    public override string? FilePath => null;

    public override IReadOnlyList<string> AfterMigrationStatements { get; } = [];

    public override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) => options.UseStockBotPostgres(Tuned(ConnectionString));

    /// <summary>
    /// The engine and the outbox run the same few statements thousands of times a cycle, each unit of work on a pooled
    /// connection. Npgsql then prepares each statement after its second use (kept on the pooled connection), so the server
    /// plans it once instead of on every run; and a connection back in the pool is not reset (DISCARD ALL's statements
    /// on every open), since StockBot leaves no session state behind: no SET, LISTEN, advisory lock or temporary table
    /// (an open transaction is still rolled back). What the operator's connection string sets itself stays as given.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Left to the configuration check, which names what is wrong.
            return connectionString;
        }

        // Npgsql's builder knows every keyword; the plain one holds only what was written (either spelling).
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!written.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPrepared;
            builder.AutoPrepareMinUsages = written.Contains("AutoPrepareMinUsages") ? builder.AutoPrepareMinUsages : 2;
        }

        if (!written.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private const int AutoPrepared = 64;

    public override string IdIn(string column, string parameter) => $"{column} = ANY({parameter})";

    public override object IdList(IReadOnlyCollection<int> ids) => ids as int[] ?? [.. ids];

    public override DatabaseFault? Classify(Exception exception) => Classify(exception, server, database);

    public override void ClearPools() => NpgsqlConnection.ClearAllPools();

    public override bool IsMissingTable(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable };

    /// <summary>Whether <paramref name="exception"/> is a PostgreSQL fault the operator fixes (for log filters that have no dialect).</summary>
    public static bool IsFault(Exception exception) => Classify(exception, "the server", "the database") is not null;

    private static DatabaseFault? Classify(Exception exception, string server, string database)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres when Describe(postgres.SqlState, server, database) is { } fault:
                    return fault;
                case NpgsqlException { InnerException: SocketException or TimeoutException or IOException }:
                    return new(DatabaseFaultKind.Unreachable, $"the PostgreSQL server at {server} cannot be reached: check that it runs and that ConnectionStrings:StockBot names its host and port; StockBot goes on by itself once it answers");
            }
        }

        return null;
    }

    private static DatabaseFault? Describe(string sqlState, string server, string database) => sqlState switch
    {
        PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
            new(DatabaseFaultKind.LoginFailed, $"the PostgreSQL server at {server} refused the login: check the user name and password in ConnectionStrings:StockBot"),
        PostgresErrorCodes.InvalidCatalogName =>
            new(DatabaseFaultKind.NoDatabase, $"the database {database} does not exist on the PostgreSQL server at {server}: create it (createdb {database}) or point ConnectionStrings:StockBot elsewhere"),
        PostgresErrorCodes.DiskFull =>
            new(DatabaseFaultKind.DiskFull, $"the disk of the PostgreSQL server at {server} is full: free some space; StockBot goes on by itself once it can write"),
        PostgresErrorCodes.ReadOnlySqlTransaction =>
            new(DatabaseFaultKind.ReadOnly, $"the database {database} on {server} is read-only (a standby, or default_transaction_read_only): point ConnectionStrings:StockBot at the primary"),
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow =>
            new(DatabaseFaultKind.Unreachable, $"the PostgreSQL server at {server} is shutting down or starting up; StockBot goes on by itself once it answers"),
        PostgresErrorCodes.InsufficientPrivilege =>
            new(DatabaseFaultKind.ReadOnly, $"the database user may not write the database {database} on {server}: grant it the rights on the schema"),
        _ => null,
    };
}

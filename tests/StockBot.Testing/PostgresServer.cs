using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace StockBot.Testing;

/// <summary>
/// One PostgreSQL server for the whole test run: the one STOCKBOT_TEST_POSTGRES names (an Npgsql connection string
/// to a server whose user may create databases), else a throwaway one initdb'd into a temporary folder and started
/// on a free 127.0.0.1 port from the PostgreSQL server binaries (as the postgres user when the tests run as root),
/// stopped and removed when the run ends. Without either, <see cref="SkipReason"/> says why the postgres tests skip.
/// Every test gets a fresh database of its own (<see cref="CreateDatabase"/>).
/// </summary>
public sealed class PostgresServer
{
    public const string EnvironmentVariable = "STOCKBOT_TEST_POSTGRES";

    private static readonly Lazy<PostgresServer?> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? skipReason;
    private static int databases;

    private readonly string adminConnectionString;

    private PostgresServer(string adminConnectionString) => this.adminConnectionString = adminConnectionString;

    /// <summary>The run's server; null when there is none (see <see cref="SkipReason"/>).</summary>
    public static PostgresServer? Instance => Shared.Value;

    /// <summary>Why the postgres tests skip; null when a server is there.</summary>
    public static string? SkipReason => Shared.Value is null ? skipReason : null;

    /// <summary>A new, empty database on the server; its Npgsql connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"stockbot_test_{Environment.ProcessId}_{Interlocked.Increment(ref databases)}";
        using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 40 }.ToString();
    }

    /// <summary>Drops a database <see cref="CreateDatabase"/> made (its pooled connections first).</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        using var connection = new NpgsqlConnection(adminConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A server of the caller's own, never the shared one (a test that restarts or stops its server): initdb'd and
    /// started like the run's throwaway server; disposing it stops it and removes its folder. Null with
    /// <paramref name="skipReason"/> set when the server binaries are absent.
    /// </summary>
    public static PrivatePostgresServer? StartPrivate(out string? skipReason)
    {
        var bin = FindBin();
        if (bin is null)
        {
            skipReason = "PostgreSQL server binaries not found (apt-get install postgresql-15); this test needs a server of its own";
            return null;
        }

        skipReason = null;
        return new PrivatePostgresServer(LocalServer.Start(bin));
    }

    private static string? FindBin() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "postgres"))).OrderDescending().FirstOrDefault()
        : null;

    /// <summary>A handle on a server's admin connection (a private server's).</summary>
    internal static PostgresServer ForAdmin(string adminConnectionString) => new(adminConnectionString);

    private static PostgresServer? Start()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return new PostgresServer(new NpgsqlConnectionStringBuilder(given) { Pooling = false }.ToString());
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "postgres"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            skipReason = "PostgreSQL server binaries not found (apt-get install postgresql-15); postgres tests skipped";
            return null;
        }

        var server = LocalServer.Start(bin);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return new PostgresServer(server.ConnectionString);
    }

    /// <summary>A server of this run's own: initdb, pg_ctl start on a free port, pg_ctl stop and the folder removed at exit.</summary>
    internal sealed class LocalServer
    {
        private readonly string bin;
        private readonly string folder;

        private LocalServer(string bin, string folder, int port)
        {
            this.bin = bin;
            this.folder = folder;
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";
        }

        public string ConnectionString { get; }

        private string Data => Path.Combine(folder, "data");

        public static LocalServer Start(string bin)
        {
            var folder = Directory.CreateTempSubdirectory("stockbot-pg-").FullName;
            var server = new LocalServer(bin, folder, FreePort());
            try
            {
                // postgres refuses to run as root: the folder belongs to the postgres user, which runs the server.
                if (Environment.IsPrivilegedProcess)
                {
                    Run("chown", "postgres:postgres", folder);
                    Run("chmod", "700", folder);
                }

                server.AsServerUser("initdb", "-D", server.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions");
                var port = new NpgsqlConnectionStringBuilder(server.ConnectionString).Port;
                server.AsServerUser(
                    "pg_ctl", "-D", server.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
                    $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                    "start");
                return server;
            }
            catch
            {
                server.Stop();
                throw;
            }
        }

        public void Restart()
        {
            var port = new NpgsqlConnectionStringBuilder(ConnectionString).Port;
            AsServerUser(
                "pg_ctl", "-D", Data, "-l", Path.Combine(folder, "server.log"), "-m", "fast", "-w", "-t", "60", "-o",
                $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                "restart");
        }

        public void Stop()
        {
            try
            {
                if (File.Exists(Path.Combine(Data, "postmaster.pid")))
                {
                    AsServerUser("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
                }
            }
            catch (InvalidOperationException)
            {
                // Stopping is best effort; the folder goes anyway.
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private void AsServerUser(string tool, params string[] arguments)
        {
            var path = Path.Combine(bin, tool);
            if (Environment.IsPrivilegedProcess)
            {
                Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
            }
            else
            {
                Run(path, arguments);
            }
        }

        private static void Run(string file, params string[] arguments)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {output.Result}{error.Result}");
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

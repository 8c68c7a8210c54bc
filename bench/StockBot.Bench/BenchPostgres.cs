using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace StockBot.Bench;

/// <summary>
/// The PostgreSQL database of a `--provider postgres` run: a database of its own created on the server `--connection`
/// names (dropped after), or, without it, a throwaway server like .ci/run's (initdb in a temporary folder, a free loopback
/// port, fsync, synchronous_commit and full_page_writes off: the figures are the engine's, not the disk's).
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string adminConnection;
    private readonly string database;
    private readonly string? folder;

    private BenchPostgres(string adminConnection, string database, string? folder)
    {
        this.adminConnection = adminConnection;
        this.database = database;
        this.folder = folder;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnection) { Database = database, MaxPoolSize = 100 }.ConnectionString;
    }

    public string ConnectionString { get; }

    public bool Throwaway => folder is not null;

    public static async Task<BenchPostgres> StartAsync(string? connection, CancellationToken ct)
    {
        string? folder = null;
        if (connection is null)
        {
            (connection, folder) = await StartServerAsync(ct);
        }

        var database = $"stockbot_bench_{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
        await using var admin = new NpgsqlConnection(connection);
        try
        {
            await admin.OpenAsync(ct);
        }
        catch (NpgsqlException ex)
        {
            throw new BenchFailure($"cannot reach PostgreSQL ({ex.Message})");
        }

        await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
        await command.ExecuteNonQueryAsync(ct);
        return new BenchPostgres(connection, database, folder);
    }

    /// <summary>Inserts, updates and deletes per table since the server started (pg_stat_user_tables), after the backends flushed.</summary>
    public async Task<Dictionary<string, TableWrites>> TableWritesAsync(CancellationToken ct)
    {
        // Backends flush their counters when idle for a second or so; the bench is between cycles here.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var writes = new Dictionary<string, TableWrites>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            writes[reader.GetString(0)] = new TableWrites(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        return writes;
    }

    public async Task<long> SizeAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public static IReadOnlyDictionary<string, TableWrites> Delta(Dictionary<string, TableWrites> before, Dictionary<string, TableWrites> after) =>
        after.Select(a => (a.Key, Writes: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(t => t.Writes.Inserts + t.Writes.Updates + t.Writes.Deletes > 0)
            .OrderByDescending(t => t.Writes.Inserts + t.Writes.Updates + t.Writes.Deletes)
            .ToDictionary(t => t.Key, t => t.Writes, StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (folder is not null)
        {
            await RunAsync("pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], CancellationToken.None);
            TryDelete(folder);
            return;
        }

        await using var admin = new NpgsqlConnection(adminConnection);
        await admin.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static async Task<(string Connection, string Folder)> StartServerAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(Bin, "postgres")))
        {
            throw new BenchFailure($"no --connection given and no PostgreSQL server binaries in {Bin} (apt-get install postgresql-15)");
        }

        var folder = Directory.CreateTempSubdirectory("stockbot-bench-pg-").FullName;
        if (Environment.UserName == "root")
        {
            await RunRawAsync("chown", ["postgres:postgres", folder], ct);
        }

        var port = FreePort();
        var data = Path.Combine(folder, "data");
        await RunAsync("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], ct);
        await RunAsync("pg_ctl",
            [
                "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-o",
                $"-p {port.ToString(CultureInfo.InvariantCulture)} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                "start",
            ],
            ct);
        Progress.Say($"throwaway PostgreSQL 15 on 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} (fsync off), data in {data}");
        return ($"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres", folder);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>A server binary, as the postgres user when this is root (initdb refuses root).</summary>
    private static Task RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct) =>
        Environment.UserName == "root"
            ? RunRawAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, tool), .. args], ct)
            : RunRawAsync(Path.Combine(Bin, tool), args, ct);

    private static async Task RunRawAsync(string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new BenchFailure($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new BenchFailure($"{Path.GetFileName(args.Count > 3 && file == "runuser" ? args[3] : file)} failed (exit {process.ExitCode.ToString(CultureInfo.InvariantCulture)}): {(await error).Trim()} {(await output).Trim()}".Trim());
        }
    }

    private static void TryDelete(string folder)
    {
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
}

internal readonly record struct TableWrites(long Inserts, long Updates, long Deletes)
{
    public static TableWrites operator -(TableWrites a, TableWrites b) => new(a.Inserts - b.Inserts, a.Updates - b.Updates, a.Deletes - b.Deletes);
}

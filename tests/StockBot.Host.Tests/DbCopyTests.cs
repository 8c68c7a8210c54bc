using Npgsql;
using StockBot.Simulator;
using StockBot.Testing;
using StockBot.Testing.Discord;

namespace StockBot.Host.Tests;

/// <summary>
/// `stockbot db copy --to`: a SQLite database filled through the real CLI, copied into a fresh database of the run's
/// PostgreSQL server (skipped, with the reason, when there is none), then the real CLI on PostgreSQL shows the same.
/// </summary>
public sealed class DbCopyTests : IAsyncLifetime
{
    // Trust authentication ignores it; it is there to be looked for in the output.
    private const string Password = "pg-pass-7c1f9e0d";

    private readonly CliHarness source = new();
    private CliHarness target = null!;
    private WhmcsSimulator simulator = null!;
    private FakeDiscordWebhooks discord = null!;
    private SimulatedStore store = null!;

    private string To => $"{target.Settings["ConnectionStrings:StockBot"]};Password={Password}";

    public async Task InitializeAsync()
    {
        simulator = await WhmcsSimulator.StartAsync();
        discord = await FakeDiscordWebhooks.StartAsync();
        store = simulator.AddStore("copy-identifier", "copy-secret-88410");
        store.AddProduct(102, "VPS Large 8GB", 2);
        source.Settings["Monitoring:RequestTimeout"] = "00:00:02";
        source.Settings["Discord:ApiBaseUrl"] = discord.ApiBaseUrl;
        if (PostgresServer.SkipReason is null)
        {
            target = new CliHarness(TestProvider.Postgres);
            target.Settings["Monitoring:RequestTimeout"] = "00:00:02";
            target.Settings["Discord:ApiBaseUrl"] = discord.ApiBaseUrl;
        }
    }

    public async Task DisposeAsync()
    {
        target?.Dispose();
        source.Dispose();
        await discord.DisposeAsync();
        await simulator.DisposeAsync();
    }

    [SkippableFact]
    public async Task DbCopy_FilledSqlite_TargetListsTheSameWithTheSameIds()
    {
        SkipWithoutPostgres();
        await FillSourceAsync();

        var copy = await source.RunAsync("db", "copy", "--to", To);
        UseTheSourceKey();

        Assert.True(copy.ExitCode == 0, copy.Error);
        Assert.Contains("Copied 12 tables", copy.Out, StringComparison.Ordinal);
        Assert.Contains($"to PostgreSQL {new NpgsqlConnectionStringBuilder(To).Host}:", copy.Out, StringComparison.Ordinal);
        Assert.Contains("Security__EncryptionKey", copy.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, copy.Out + copy.Error, StringComparison.Ordinal);
        foreach (var command in new[] { new[] { "website", "list", "--json" }, ["monitor", "list", "--json"], ["subscription", "list", "--json"], ["token", "list", "--json"], ["history", "1", "--json"] })
        {
            var before = await source.RunAsync(command);
            var after = await target.RunAsync(command);
            Assert.True(before.ExitCode == 0 && after.ExitCode == 0, $"{string.Join(' ', command)}: {before.Error}{after.Error}");
            Assert.Equal(before.Out, after.Out);
        }

        var status = (await source.RunAsync("status")).Out;
        Assert.Equal(status, (await target.RunAsync("status")).Out);
        Assert.Equal(source.Count("stock_records"), target.Count("stock_records"));
        Assert.Equal(source.Count("alert_deliveries"), target.Count("alert_deliveries"));
        Assert.Equal(source.Scalar("SELECT api_secret FROM websites WHERE id = 3"), target.Scalar("SELECT api_secret FROM websites WHERE id = 3"));
    }

    [SkippableFact]
    public async Task DbCopy_WebhookSubscription_SecretStillOpensAndTheAlertIsSentFromPostgres()
    {
        SkipWithoutPostgres();
        var webhook = await FillSourceAsync();

        var sentBefore = discord.ExecutionsOf(webhook).Count(e => e.Delivered);
        var copy = await source.RunAsync("db", "copy", "--to", To);
        UseTheSourceKey();
        store.SetStock(102, 9);
        var check = await target.RunAsync("check");

        Assert.True(copy.ExitCode == 0, copy.Error);
        Assert.True(check.ExitCode == 0, check.Error);
        var posted = await WaitForAsync(() => discord.ExecutionsOf(webhook).Where(e => e.Delivered).Skip(sentBefore).ToList(), list => list.Count >= 1);
        var embed = Assert.Single(posted).Json.GetProperty("embeds")[0];
        Assert.Contains("More stock: VPS Large 8GB", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("7 units more: 9 available.", embed.GetProperty("description").GetString());
        var stored = target.Database.Text("SELECT webhook_url_encrypted FROM subscriptions WHERE webhook_url_encrypted IS NOT NULL");
        Assert.Equal(source.Database.Text("SELECT webhook_url_encrypted FROM subscriptions WHERE webhook_url_encrypted IS NOT NULL"), stored);
        Assert.DoesNotContain(webhook.Token, stored, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task DbCopy_ThenWebsiteAdd_GetsTheIdAfterTheLargestCopied()
    {
        SkipWithoutPostgres();
        await FillSourceAsync();
        var largest = source.Database.Int64("SELECT MAX(id) FROM websites");
        var largestMonitor = source.Database.Int64("SELECT MAX(id) FROM monitor_configs");

        var copy = await source.RunAsync("db", "copy", "--to", To);
        UseTheSourceKey();
        var added = await target.RunAsync("website", "add", "--name", "After Copy", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret, "--json");
        var id = added.Json.GetProperty("id").GetInt64();
        var monitor = await target.RunAsync("monitor", "add", "--website", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--product", "102", "--json");

        Assert.True(copy.ExitCode == 0, copy.Error);
        Assert.Equal(largest + 1, id);
        Assert.True(monitor.ExitCode == 0, monitor.Error);
        Assert.Equal(largestMonitor + 1, monitor.Json.GetProperty("id").GetInt64());
    }

    [SkippableFact]
    public async Task DbCopy_Json_EveryTableOfTheSchemaParentsFirstWithItsRows()
    {
        SkipWithoutPostgres();
        await FillSourceAsync();

        var copy = await source.RunAsync("db", "copy", "--to", To, "--json");

        Assert.True(copy.ExitCode == 0, copy.Error);
        var json = copy.Json;
        var tables = json.GetProperty("tables").EnumerateArray().Select(t => (Name: t.GetProperty("name").GetString()!, Rows: t.GetProperty("rows").GetInt64())).ToList();
        var schema = target.Scalar("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> '__EFMigrationsHistory'");
        Assert.Equal(schema.Split(','), tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var (name, rows) in tables)
        {
            Assert.Equal(source.Count(name), rows);
            Assert.Equal(rows, target.Count(name));
        }

        Assert.Equal(tables.Sum(t => t.Rows), json.GetProperty("total_rows").GetInt64());
        Assert.True(json.GetProperty("seconds").GetDouble() >= 0);
        var order = tables.Select(t => t.Name).ToList();
        Assert.True(order.IndexOf("websites") < order.IndexOf("monitor_configs"), string.Join(", ", order));
        Assert.True(order.IndexOf("monitor_configs") < order.IndexOf("stock_records"), string.Join(", ", order));
        Assert.True(order.IndexOf("subscriptions") < order.IndexOf("alert_deliveries"), string.Join(", ", order));
        Assert.DoesNotContain(Password, copy.Out + copy.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task DbCopy_TargetNotEmpty_ExitsTwoAndLeavesItUntouched()
    {
        SkipWithoutPostgres();
        await FillSourceAsync();
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(0, (await target.RunAsync("website", "add", "--name", $"Existing {i}", "--url", $"https://billing{i}.example.com/", "--api-identifier", "id", "--api-secret", "existing-secret-1")).ExitCode);
        }

        var names = target.Scalar("SELECT string_agg(name, ',' ORDER BY id) FROM websites");

        var copy = await source.RunAsync("db", "copy", "--to", To);

        Assert.Equal(2, copy.ExitCode);
        Assert.Equal("error: --to: the target database is not empty (websites has 3 rows); copy needs an empty database", Assert.Single(copy.ErrorLines));
        Assert.Equal(names, target.Scalar("SELECT string_agg(name, ',' ORDER BY id) FROM websites"));
        Assert.Equal(0, target.Count("monitor_configs"));
        Assert.Equal(0, target.Count("stock_records"));
    }

    [SkippableFact]
    public async Task DbCopy_TargetRejectsARowMidCopy_ExitsOneAndTheTargetHasNoRows()
    {
        SkipWithoutPostgres();
        await FillSourceAsync();
        Assert.Equal(0, (await target.RunAsync("db", "migrate")).ExitCode);
        await ExecuteOnTargetAsync(
            """
            CREATE FUNCTION refuse_second_record() RETURNS trigger AS $$
            BEGIN
                IF NEW.id = 2 THEN RAISE EXCEPTION 'test refuses stock record 2'; END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER refuse_second_record BEFORE INSERT ON stock_records FOR EACH ROW EXECUTE FUNCTION refuse_second_record();
            """);

        var copy = await source.RunAsync("db", "copy", "--to", To);

        Assert.Equal(1, copy.ExitCode);
        var line = Assert.Single(copy.ErrorLines);
        Assert.StartsWith("error: --to: ", line, StringComparison.Ordinal);
        Assert.Contains("stock_records", line, StringComparison.Ordinal);
        Assert.Contains("test refuses stock record 2", line, StringComparison.Ordinal);
        Assert.Contains("rolled back", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, copy.Out + copy.Error, StringComparison.Ordinal);
        var total = target.Scalar(
            "SELECT (SELECT COUNT(*) FROM websites) + (SELECT COUNT(*) FROM monitor_configs) + (SELECT COUNT(*) FROM stock_records) + (SELECT COUNT(*) FROM subscriptions) + (SELECT COUNT(*) FROM api_tokens) + (SELECT COUNT(*) FROM alert_deliveries)");
        Assert.Equal("0", total);
        Assert.True(source.Count("stock_records") > 1);
    }

    [SkippableFact]
    public async Task DbCopy_ServerNotListening_ExitsOneNamingToWithoutThePassword()
    {
        await source.RunAsync("db", "init", "--sample-data");
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var copy = await source.RunAsync("db", "copy", "--to", $"Host=127.0.0.1;Port={port};Database=stockbot;Username=stockbot;Password={Password};Timeout=5");

        Assert.Equal(1, copy.ExitCode);
        var line = Assert.Single(copy.ErrorLines);
        Assert.StartsWith($"error: --to: cannot reach PostgreSQL at 127.0.0.1:{port}/stockbot", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, copy.Out + copy.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("not a connection string")]
    [InlineData("Bogus=1;Password=" + Password)]
    [InlineData("Database=stockbot;Password=" + Password)]
    public async Task DbCopy_MalformedConnectionString_ExitsTwoNamingTo(string to)
    {
        var copy = await source.RunAsync("db", "copy", "--to", to);

        Assert.Equal(2, copy.ExitCode);
        var line = Assert.Single(copy.ErrorLines);
        Assert.StartsWith("error: --to: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, copy.Out + copy.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task DbCopy_ConfiguredProviderIsPostgres_ExitsTwoNamingTheProvider()
    {
        SkipWithoutPostgres();

        var copy = await target.RunAsync("db", "copy", "--to", To);

        Assert.Equal(2, copy.ExitCode);
        Assert.Equal("error: --to: db copy reads a SQLite database, and Database:Provider is postgres here; run it with the SQLite configuration (Database:Provider=sqlite)", Assert.Single(copy.ErrorLines));
    }

    private static void SkipWithoutPostgres() => Skip.If(PostgresServer.SkipReason is not null, PostgresServer.SkipReason);

    /// <summary>Sample data, a website on the simulator with a monitor and its records, a webhook subscription, an alert sent, a token.</summary>
    private async Task<FakeWebhook> FillSourceAsync()
    {
        var webhook = discord.Create();
        await OkAsync(source, "db", "init", "--sample-data");
        await OkAsync(source, "website", "add", "--name", "Sim", "--url", store.WebsiteUrl.ToString(), "--api-identifier", store.Identifier, "--api-secret", store.Secret, "--access-key", "copy-access-key-1");
        var website = source.Database.Int64("SELECT MAX(id) FROM websites").ToString(System.Globalization.CultureInfo.InvariantCulture);
        await OkAsync(source, "monitor", "add", "--website", website, "--product", "102");
        await OkAsync(source, "subscription", "add", "--platform", "discord", "--webhook", webhook.Url);
        await OkAsync(source, "check");
        store.SetStock(102, 4);
        await OkAsync(source, "check");
        await WaitForAsync(() => discord.ExecutionsOf(webhook).Count(e => e.Delivered), n => n >= 1);
        store.SetStock(102, 2);
        await OkAsync(source, "check");
        await OkAsync(source, "token", "create", "--name", "dashboard");
        return webhook;
    }

    /// <summary>The target opens the secrets with the key the SQLite database was written with (its key file), as the copy's output says.</summary>
    private void UseTheSourceKey() =>
        target.Settings["Security:EncryptionKey"] = File.ReadAllText(Path.Combine(Path.GetDirectoryName(source.DatabasePath)!, "stockbot.key")).Trim();

    private async Task ExecuteOnTargetAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(target.Settings["ConnectionStrings:StockBot"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task OkAsync(CliHarness cli, params string[] args)
    {
        var result = await cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result.Error}");
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}

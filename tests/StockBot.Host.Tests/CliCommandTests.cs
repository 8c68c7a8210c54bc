using StockBot.Testing;
using System.Text;

namespace StockBot.Host.Tests;

public class CliCommandTests : IDisposable
{
    private readonly CliHarness cli;


    public CliCommandTests()
        : this(TestProvider.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (Postgres/OnPostgres.cs).</summary>
    protected CliCommandTests(TestProvider provider) => cli = new CliHarness(provider);
    public void Dispose()
    {
        cli.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task DbInit_SampleData_ThenMonitorListJsonListsThreeMonitors()
    {
        var init = await cli.RunAsync("db", "init", "--sample-data");
        var list = await cli.RunAsync("monitor", "list", "--json");

        Assert.Equal(0, init.ExitCode);
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(3, list.Json.GetArrayLength());
        var first = list.Json[0];
        Assert.Equal(1, first.GetProperty("id").GetInt32());
        Assert.Equal(101, first.GetProperty("product_id").GetInt32());
        Assert.Equal(1, first.GetProperty("website_id").GetInt32());
    }

    [SkippableFact]
    public async Task HistoryChart_SampleData_WritesAPngFile()
    {
        await cli.RunAsync("db", "init", "--sample-data");
        var file = Path.Combine(cli.Directory, "h.png");

        var result = await cli.RunAsync("history", "1", "--chart", file);

        Assert.Equal(0, result.ExitCode);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes.Take(4));
        Assert.Contains("written to", result.Out, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task DbInit_DropExisting_StartsAgainFromAnEmptyDatabase()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var again = await cli.RunAsync("db", "init", "--sample-data");
        var dropped = await cli.RunAsync("db", "init", "--drop-existing", "--yes");

        Assert.Equal(2, again.ExitCode);
        Assert.Equal(0, dropped.ExitCode);
        Assert.Equal(0, cli.Count("websites"));
    }

    [SkippableFact]
    public async Task WebsiteAdd_Json_PrintsTheNewRowAndNeverStoresTheSecretInPlainText()
    {
        const string secret = "plain-secret-DO-NOT-STORE-9f31";

        var added = await cli.RunAsync("website", "add", "--name", "Main Site", "--url", "https://billing.example.com", "--api-identifier", "IDENT", "--api-secret", secret, "--region", "US-East", "--json");
        var list = await cli.RunAsync("website", "list", "--json");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal(1, added.Json.GetProperty("id").GetInt32());
        Assert.Equal("****9f31", added.Json.GetProperty("api_secret").GetString());
        Assert.DoesNotContain(secret, added.Out + list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, string.Join('|', cli.Database.Rows("SELECT * FROM websites")), StringComparison.Ordinal);
        if (cli.Provider != TestProvider.Sqlite)
        {
            // A server keeps no file beside the test; the row above is what its psql shows.
            return;
        }

        var files = System.IO.Directory.GetFiles(Path.GetDirectoryName(cli.DatabasePath)!, "stockbot.db*");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            // A -wal or -shm file can vanish between the listing and the read, when the last pooled connection closes.
            if (await ReadIfPresentAsync(file) is { } bytes)
            {
                Assert.DoesNotContain(secret, Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
            }
        }
    }

    private static async Task<byte[]?> ReadIfPresentAsync(string file)
    {
        try
        {
            return await File.ReadAllBytesAsync(file);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["website", "add", "--name", "", "--url", "https://a.example", "--api-identifier", "I", "--api-secret", "S"], "name" },
        { ["website", "add", "--name", new string('n', 300), "--url", "https://a.example", "--api-identifier", "I", "--api-secret", "S"], "name" },
        { ["website", "add", "--name", "X", "--url", "ftp://a.example", "--api-identifier", "I", "--api-secret", "S"], "error: --url:" },
        { ["website", "add", "--name", "Example Cloud", "--url", "https://a.example", "--api-identifier", "I", "--api-secret", "S"], "name" },
        { ["website", "add", "--name", "X", "--url", "https://a.example", "--api-identifier", "I"], "--api-secret" },
        { ["website", "add", "--name", "X", "--url", "https://a.example", "--mode", "storefront", "--api-identifier", "I"], "--api-identifier" },
        { ["website", "add", "--name", "X", "--url", "https://a.example", "--mode", "storefront", "--api-secret", "S"], "--api-secret" },
        { ["website", "add", "--name", "X", "--url", "https://a.example", "--mode", "scrape"], "mode" },
        { ["website", "update", "1", "--mode", "storefront", "--api-secret", "S"], "--api-secret" },
        { ["website", "show", "99"], "error: website: no website with id 99" },
        { ["website", "update", "1", "--url", "mailto:x@y.z"], "error: --url:" },
        { ["monitor", "add", "--website", "99", "--product", "5"], "error: --website:" },
        { ["monitor", "add", "--website", "1", "--product", "101"], "error: --product:" },
        { ["monitor", "add", "--website", "1", "--product", "5", "--low", "-1"], "error: --low:" },
        { ["monitor", "add", "--website", "1", "--product", "5", "--high", "-2"], "error: --high:" },
        { ["monitor", "add", "--website", "1", "--product", "5", "--low", "9", "--high", "3"], "error: --low: must not be above --high" },
        { ["monitor", "add", "--website", "1", "--product", "5", "--purchase-link", "ftp://x"], "error: --purchase-link:" },
        { ["monitor", "add", "--website", "1", "--product", "abc"], "--product" },
        { ["monitor", "update", "1", "--low", "60"], "error: --low:" },
        { ["monitor", "pause", "42"], "error: monitor: no monitor with id 42" },
        { ["monitor", "list", "--colour"], "--colour" },
        { ["subscription", "add", "--platform", "slack", "--channel", "1"], "platform" },
        { ["subscription", "add", "--platform", "telegram", "--channel", "1", "--events", "restock,sale"], "events" },
        { ["subscription", "add", "--platform", "telegram", "--channel", "-100", "--website", "1"], "channel" },
        { ["history", "1", "--limit", "0"], "limit" },
        { ["status", "77"], "error: monitor: no monitor with id 77" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInput_ExitsTwoWithOneLineNamingTheFieldAndWritesNothing(string[] args, string field)
    {
        await cli.RunAsync("db", "init", "--sample-data");
        await cli.RunAsync("subscription", "add", "--platform", "telegram", "--channel", "-100", "--website", "1");
        var before = Snapshot();

        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(field, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [SkippableFact]
    public async Task StatusJson_OneMonitor_HasTheSummaryFields()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var one = await cli.RunAsync("status", "1", "--json");
        var all = await cli.RunAsync("status", "--json");

        Assert.Equal(0, one.ExitCode);
        foreach (var key in new[] { "current_quantity", "available", "status", "last_checked_at", "last_change_at", "website", "product" })
        {
            Assert.True(one.Json.TryGetProperty(key, out _), $"status --json lacks {key}");
        }

        Assert.Equal(3, all.Json.GetArrayLength());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", one.Json.GetProperty("last_change_at").GetString());
    }

    [SkippableFact]
    public async Task HistoryJson_NewestFirst_AndEventsListEventTypes()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var records = await cli.RunAsync("history", "1", "--limit", "5", "--json");
        var events = await cli.RunAsync("history", "1", "--events", "--limit", "1000", "--json");

        Assert.Equal(5, records.Json.GetArrayLength());
        var times = records.Json.EnumerateArray().Select(r => r.GetProperty("created_at").GetDateTime()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.All(records.Json.EnumerateArray(), r => Assert.True(r.TryGetProperty("change_type", out _) && r.TryGetProperty("delta", out _)));
        Assert.Contains(events.Json.EnumerateArray(), e => e.GetProperty("event_type").GetString() == "stock_initialized");
    }

    [SkippableFact]
    public async Task WebsiteRemove_WithMonitors_NeedsForce()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var refused = await cli.RunAsync("website", "remove", "1");
        var forced = await cli.RunAsync("website", "remove", "1", "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(1, cli.Count("websites"));
        Assert.Equal(1, cli.Count("monitor_configs"));
    }

    [SkippableFact]
    public async Task MonitorLifecycle_AddPauseResumeUpdateRemove_ChangesTheRows()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var added = await cli.RunAsync("monitor", "add", "--website", "2", "--product", "202", "--name", "VPS Tiny", "--low", "1", "--no-purchase", "--json");
        var id = added.Json.GetProperty("id").GetInt32().ToString();
        var paused = await cli.RunAsync("monitor", "pause", id, "--json");
        var resumed = await cli.RunAsync("monitor", "resume", id, "--json");
        var updated = await cli.RunAsync("monitor", "update", id, "--high", "30", "--json");
        var removed = await cli.RunAsync("monitor", "remove", id);

        Assert.False(added.Json.GetProperty("notify_on_purchase").GetBoolean());
        Assert.Equal("paused", paused.Json.GetProperty("status").GetString());
        Assert.Equal("active", resumed.Json.GetProperty("status").GetString());
        Assert.Equal(30, updated.Json.GetProperty("threshold_high").GetInt32());
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(3, cli.Count("monitor_configs"));
    }

    [SkippableFact]
    public async Task SubscriptionAddListRemove_RoundTrips()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var added = await cli.RunAsync("subscription", "add", "--platform", "discord", "--channel", "123456789012345678", "--monitor", "2", "--events", "restock,threshold", "--mention", "998877", "--json");
        var list = await cli.RunAsync("subscription", "list", "--json");
        var removed = await cli.RunAsync("subscription", "remove", added.Json.GetProperty("id").GetInt32().ToString());

        Assert.Equal("restock,threshold", added.Json.GetProperty("event_kinds").GetString());
        Assert.Equal(2, added.Json.GetProperty("monitor_config_id").GetInt32());
        Assert.Equal(1, list.Json.GetArrayLength());
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(0, cli.Count("subscriptions"));
    }

    [SkippableFact]
    public async Task SubscriptionAdd_TelegramMention_IsTakenAsTextNotAResponseFile()
    {
        var added = await cli.RunAsync("subscription", "add", "--platform", "telegram", "--channel", "-100", "--mention", "@oncall", "--json");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal("@oncall", added.Json.GetProperty("mention").GetString());
    }

    [SkippableFact]
    public async Task UnexpectedFailure_ExitsOneWithoutAStackTrace()
    {
        var blocker = Path.Combine(cli.Directory, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        cli.Settings["ConnectionStrings:StockBot"] = $"Data Source={Path.Combine(blocker, "stockbot.db")}";

        var result = await cli.RunAsync("website", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task BadConfiguration_ExitsTwoNamingTheSetting()
    {
        cli.Settings["Monitoring:MaxConcurrentWebsites"] = "0";

        var result = await cli.RunAsync("website", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Monitoring:MaxConcurrentWebsites", result.Error, StringComparison.Ordinal);
    }

    // Chat commands that have no CLI twin: the CLI lists and removes subscriptions by id, and has --help.
    private static readonly string[] ChatOnly = ["unsubscribe", "subscriptions", "help", "follow", "unfollow", "following"];

    // Where the CLI's name is not the catalog's "group name".
    private static readonly Dictionary<string, string> CliPaths = new() { ["subscribe"] = "subscription add" };

    /// <summary>Every catalog command but the chat-only ones, with the CLI command it must have.</summary>
    public static TheoryData<string, string?, string> CatalogCommandsOnTheCli()
    {
        var data = new TheoryData<string, string?, string>();
        foreach (var command in new StockBot.Core.Commands.CommandCatalog().Commands.Where(c => !ChatOnly.Contains(c.Group)))
        {
            data.Add(command.Group, command.Name, CliPaths.GetValueOrDefault(command.FullName, command.FullName));
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(CatalogCommandsOnTheCli))]
    public void CatalogOption_OnTheCli_HasTheKebabCaseNameAndTheSameDescription(string group, string? name, string cliPath)
    {
        var catalog = new StockBot.Core.Commands.CommandCatalog();
        var command = CliCommand(catalog, cliPath);

        foreach (var option in catalog.Get(group, name).Options)
        {
            var kebab = option.Name.Replace('_', '-');
            var description = command.Options.FirstOrDefault(o => o.Name == "--" + kebab)?.Description
                ?? command.Arguments.FirstOrDefault(a => a.Name == kebab)?.Description;
            Assert.True(description is not null, $"{cliPath} has no --{kebab} (nor a <{kebab}> argument)");
            Assert.Equal(option.Description, description);
        }
    }

    [SkippableFact]
    public void CatalogCommands_TheChatOnlyOnes_HaveNoCliTwin()
    {
        var catalog = new StockBot.Core.Commands.CommandCatalog();
        var root = CliCommand(catalog, string.Empty);

        Assert.All(ChatOnly, group => Assert.Contains(group, catalog.Groups));
        Assert.DoesNotContain(root.Subcommands, c => ChatOnly.Contains(c.Name));
        // 17, and website pause, website resume, subscription update.
        Assert.Equal(20, CatalogCommandsOnTheCli().Count);
    }

    [SkippableTheory]
    [InlineData("--no-restock", "--restock false")]
    [InlineData("--no-purchase --no-threshold", "--purchase false --threshold=false")]
    [InlineData("--no-restock --restock false", "--restock false --purchase true")]
    public async Task MonitorAdd_OldNegatedFlagsAndUnifiedOptions_GiveTheSameRow(string old, string unified)
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var before = await cli.RunAsync(["monitor", "add", "--website", "2", "--product", "210", "--json", .. old.Split(' ')]);
        var after = await cli.RunAsync(["monitor", "add", "--website", "2", "--product", "211", "--json", .. unified.Split(' ')]);

        Assert.Equal((0, 0), (before.ExitCode, after.ExitCode));
        Assert.Equal(AlertColumns(before.Json.GetProperty("id").GetInt32()), AlertColumns(after.Json.GetProperty("id").GetInt32()));
    }

    [SkippableFact]
    public async Task MonitorAdd_NegatedFlagAndTheOppositeValue_IsBadInputNamingTheOption()
    {
        await cli.RunAsync("db", "init", "--sample-data");

        var result = await cli.RunAsync("monitor", "add", "--website", "2", "--product", "210", "--no-restock", "--restock", "true");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("restock", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(3, cli.Count("monitor_configs"));
    }

    [SkippableTheory]
    [InlineData("update", "--notify-restock", "edit", "--restock")]
    [InlineData("update", "--notify-purchase", "update", "--purchase")]
    [InlineData("edit", "--notify-threshold", "edit", "--threshold")]
    public async Task MonitorUpdate_OldNotifyOptionsAndUnifiedOptions_GiveTheSameRow(string oldVerb, string oldOption, string newVerb, string newOption)
    {
        await cli.RunAsync("db", "init", "--sample-data");
        await cli.RunAsync("monitor", "add", "--website", "2", "--product", "210", "--no-restock", "--no-purchase", "--no-threshold");
        await cli.RunAsync("monitor", "add", "--website", "2", "--product", "211", "--no-restock", "--no-purchase", "--no-threshold");

        var before = await cli.RunAsync("monitor", oldVerb, "4", oldOption, "true");
        var after = await cli.RunAsync("monitor", newVerb, "5", newOption, "true");

        Assert.Equal((0, 0), (before.ExitCode, after.ExitCode));
        Assert.Equal(AlertColumns(4), AlertColumns(5));
        Assert.Contains("1", AlertColumns(5), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SubscriptionAdd_ChatOrTheOldChannelSpelling_SubscribesTheSameWay()
    {
        var chat = await cli.RunAsync("subscription", "add", "--platform", "telegram", "--chat", "-100", "--events", "restock", "--json");
        var channel = await cli.RunAsync("subscription", "add", "--platform", "telegram", "--channel", "-200", "--events", "restock", "--json");

        Assert.Equal((0, 0), (chat.ExitCode, channel.ExitCode));
        Assert.Equal(("-100", "-200"), (chat.Json.GetProperty("channel_id").GetString(), channel.Json.GetProperty("channel_id").GetString()));
        Assert.Equal(chat.Json.GetProperty("event_kinds").GetString(), channel.Json.GetProperty("event_kinds").GetString());
    }

    private static System.CommandLine.Command CliCommand(StockBot.Core.Commands.CommandCatalog catalog, string path)
    {
        System.CommandLine.Command command = StockBot.Host.Cli.StockBotCli.Build(new StockBot.Host.Cli.CliEnvironment(TextWriter.Null, TextWriter.Null, new Dictionary<string, string?>()), catalog);
        foreach (var word in path.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            command = Assert.Single(command.Subcommands, c => c.Name == word);
        }

        return command;
    }

    private string AlertColumns(int monitorId) =>
        Assert.Single(cli.Database.Rows($"SELECT notify_on_restock, notify_on_purchase, notify_on_threshold, threshold_low, status FROM monitor_configs WHERE id = {monitorId}"));

    private static readonly string[] SnapshotTables = ["websites", "monitor_configs", "subscriptions", "stock_records", "monitor_histories"];

    // Row counts plus every row's content that an update could touch (not the file's mtime: a WAL checkpoint moves that).
    private string Snapshot() =>
        string.Join(',', SnapshotTables.Select(cli.Count))
        + string.Join('|', cli.Database.Rows("SELECT name, website_url, api_secret, region, is_active, updated_at FROM websites ORDER BY id"))
        + string.Join('|', cli.Database.Rows("SELECT product_name, threshold_low, threshold_high, status, updated_at FROM monitor_configs ORDER BY id"))
        + string.Join('|', cli.Database.Rows("SELECT channel_id, event_kinds, is_active FROM subscriptions ORDER BY id"));
}

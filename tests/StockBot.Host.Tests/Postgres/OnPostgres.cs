using StockBot.Host.Tests.Webhooks;
using StockBot.Testing;

namespace StockBot.Host.Tests.Postgres;

// The host and CLI integration tests again on PostgreSQL: each class runs on SQLite as itself and here on a fresh
// database of the run's PostgreSQL server (skipped, with the reason, when there is none).

public sealed class CliCommandTestsOnPostgres() : CliCommandTests(TestProvider.Postgres);

public sealed class CheckCommandTestsOnPostgres() : CheckCommandTests(TestProvider.Postgres);

public sealed class OutboxCommandTestsOnPostgres() : OutboxCommandTests(TestProvider.Postgres);

public sealed class SubscriptionUpdateCliTestsOnPostgres() : SubscriptionUpdateCliTests(TestProvider.Postgres);

public sealed class WebsiteModeCliTestsOnPostgres() : WebsiteModeCliTests(TestProvider.Postgres);

public sealed class MonitorVerifyTestsOnPostgres() : MonitorVerifyTests(TestProvider.Postgres);

public sealed class CheckFailureTestsOnPostgres() : CheckFailureTests(TestProvider.Postgres);

public sealed class WebhookSubscriptionTestsOnPostgres() : WebhookSubscriptionTests(TestProvider.Postgres);

public sealed class CliInputTestsOnPostgres() : CliInputTests(TestProvider.Postgres);

public sealed class StorefrontCheckTestsOnPostgres() : StorefrontCheckTests(TestProvider.Postgres);

using StockBot.Testing;

namespace StockBot.Telegram.Tests.Postgres;

// The Telegram host flows again on PostgreSQL (command in -> row -> message out, follows, alerts, digests, edits):
// each class runs on SQLite as itself and here on a fresh database of the run's PostgreSQL server (skipped, with the
// reason, when there is none).

public sealed class TelegramCommandTestsOnPostgres() : TelegramCommandTests(TestProvider.Postgres);

public sealed class TelegramFollowTestsOnPostgres() : TelegramFollowTests(TestProvider.Postgres);

public sealed class TelegramAlertTestsOnPostgres() : TelegramAlertTests(TestProvider.Postgres);

public sealed class TelegramDigestTestsOnPostgres() : TelegramDigestTests(TestProvider.Postgres);

public sealed class TelegramUpdateTestsOnPostgres() : TelegramUpdateTests(TestProvider.Postgres);

using StockBot.Testing;

namespace StockBot.Discord.Tests.Postgres;

// The Discord host flows again on PostgreSQL (interactions -> rows -> replies, subscriptions, follows, digests, the
// management lock): each class runs on SQLite as itself and here on a fresh database of the run's PostgreSQL server
// (skipped, with the reason, when there is none).

public sealed class InteractionTestsOnPostgres() : InteractionTests(TestProvider.Postgres);

public sealed class DiscordFollowTestsOnPostgres() : DiscordFollowTests(TestProvider.Postgres);

public sealed class SubscribeAndDeadlineTestsOnPostgres() : SubscribeAndDeadlineTests(TestProvider.Postgres);

public sealed class DigestTestsOnPostgres() : DigestTests(TestProvider.Postgres);

public sealed class ManagementLockTestsOnPostgres() : ManagementLockTests(TestProvider.Postgres);

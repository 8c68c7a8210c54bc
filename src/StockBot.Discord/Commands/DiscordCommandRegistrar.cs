using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Commands;
using StockBot.Core.Operations;
using StockBot.Discord.Rest;

namespace StockBot.Discord.Commands;

/// <summary>
/// Publishes the command set as <see cref="DiscordCommandSet.Plan"/> splits it (one bulk PUT per target:
/// global, Discord:GuildId, each management guild), only when it changed since the last time (hash in bot_state).
/// </summary>
public sealed partial class DiscordCommandRegistrar(
    DiscordRestClient rest,
    CommandCatalog catalog,
    IServiceScopeFactory scopes,
    IOptions<DiscordOptions> options,
    ILogger<DiscordCommandRegistrar> logger) : IDisposable
{
    public const string HashKey = "discord_commands_hash";

    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Returns true when it registered, false when nothing changed or Discord refused (logged).</summary>
    public async Task<bool> EnsureRegisteredAsync(string applicationId, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var settings = options.Value;
            var home = string.IsNullOrWhiteSpace(settings.GuildId) ? null : settings.GuildId.Trim();
            var managementGuilds = settings.ManagementGuilds;
            var plan = DiscordCommandSet.Plan(catalog, home, managementGuilds);
            var text = new StringBuilder(applicationId);
            foreach (var registration in plan)
            {
                text.Append('|').Append(registration.GuildId ?? "global").Append('|')
                    .Append(JsonSerializer.Serialize(registration.Commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommand));
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
            await using var scope = scopes.CreateAsyncScope();
            var state = scope.ServiceProvider.GetRequiredService<BotStateStore>();
            var count = plan.Sum(r => r.Commands.Count);
            if (await state.GetAsync(HashKey, cancellationToken) == hash)
            {
                logger.LogInformation("Discord slash commands unchanged ({Count} commands): not registered again", count);
                return false;
            }

            if (managementGuilds.Count == 0)
            {
                logger.LogWarning("Neither Discord:GuildId nor Discord:ManagementGuildIds is set: StockBot cannot be managed from Discord (status, history, subscriptions and help still work)");
            }

            foreach (var registration in plan)
            {
                var route = registration.GuildId is null
                    ? DiscordRoute.BulkOverwriteGlobalCommands(applicationId)
                    : DiscordRoute.BulkOverwriteGuildCommands(applicationId, registration.GuildId);
                var response = await rest.SendJsonAsync(route, registration.Commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommand, cancellationToken);
                if (!response.IsSuccess)
                {
                    // No hash stored: the next READY tries the whole plan again.
                    logger.LogWarning("Registering the Discord slash commands ({Target}) failed: {Error}", registration.GuildId ?? "global", response.Describe());
                    return false;
                }

                logger.LogInformation("Registered {Count} Discord slash commands {Target}", registration.Commands.Count, registration.GuildId is null ? "globally" : $"to guild {registration.GuildId}");
            }

            await state.SetAsync(HashKey, hash, cancellationToken);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}

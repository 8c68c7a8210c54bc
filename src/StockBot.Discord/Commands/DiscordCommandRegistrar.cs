using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StockBot.Core.Commands;
using StockBot.Core.Operations;
using StockBot.Discord.Rest;

namespace StockBot.Discord.Commands;

/// <summary>Publishes the command set with one bulk PUT (globally or to Discord:GuildId), only when it changed since the last PUT (hash in bot_state).</summary>
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
            var guildId = string.IsNullOrWhiteSpace(options.Value.GuildId) ? null : options.Value.GuildId.Trim();
            var payload = DiscordCommandSet.Build(catalog);
            var json = JsonSerializer.Serialize(payload, DiscordJsonContext.Default.IReadOnlyListApplicationCommand);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{applicationId}|{guildId ?? "global"}|{json}")));
            await using var scope = scopes.CreateAsyncScope();
            var state = scope.ServiceProvider.GetRequiredService<BotStateStore>();
            if (await state.GetAsync(HashKey, cancellationToken) == hash)
            {
                LogUnchanged(logger, payload.Count);
                return false;
            }

            var route = guildId is null
                ? DiscordRoute.BulkOverwriteGlobalCommands(applicationId)
                : DiscordRoute.BulkOverwriteGuildCommands(applicationId, guildId);
            var response = await rest.SendJsonAsync(route, payload, DiscordJsonContext.Default.IReadOnlyListApplicationCommand, cancellationToken);
            if (!response.IsSuccess)
            {
                LogFailed(logger, response.Describe());
                return false;
            }

            await state.SetAsync(HashKey, hash, cancellationToken);
            LogRegistered(logger, payload.Count, guildId is null ? "globally" : $"to guild {guildId}");
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord slash commands unchanged ({Count} commands): not registered again")]
    private static partial void LogUnchanged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} Discord slash commands {Target}")]
    private static partial void LogRegistered(ILogger logger, int count, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the Discord slash commands failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}

using StockBot.Core.ApiTokens;

namespace StockBot.Host.Cli;

/// <summary>
/// `stockbot token create|list|revoke`: the management API's Bearer tokens. Command line only (a token is a
/// secret that must not be typed into a chat); a new token is printed once and only its hash is stored.
/// </summary>
internal static class TokenCommands
{
    public static Command Build(CommandRunner runner)
    {
        var token = new Command("token", "Make, list and revoke management API tokens");

        var name = Args.Opt<string>("--name", "A name for the token, unique (who or what uses it)", required: true);
        var create = Args.Command("create", "Make a token; it is printed once, only its hash is stored", name);
        create.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var created = await c.Get<ApiTokenService>().CreateAsync(c.Value(name) ?? string.Empty, c.CancellationToken);
            if (c.Output.Json)
            {
                c.Output.WriteJson(new CreatedTokenJson(created.View.Id, created.View.Name, created.View.CreatedAt, created.Token));
                return;
            }

            c.Output.Line($"Created token {Number(created.View.Id)} ({created.View.Name}). Copy it now: it is not shown again.");
            c.Output.Line(created.Token);
        }, ct));
        token.Subcommands.Add(create);

        var list = Args.Command("list", "List tokens (never the token itself)");
        list.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var rows = await c.Get<ApiTokenService>().ListAsync(c.CancellationToken);
            c.Output.Rows(
                rows,
                ["ID", "NAME", "CREATED", "LAST USED", "REVOKED"],
                t => [Number(t.Id), t.Name, c.Output.Ago(t.CreatedAt), c.Output.Ago(t.LastUsedAt), t.RevokedAt is null ? "-" : c.Output.Ago(t.RevokedAt)],
                "No API tokens yet. Make one: stockbot token create --name NAME");
        }, ct));
        token.Subcommands.Add(list);

        var id = Args.Id("id", "Token id (see token list)");
        var revoke = Args.Command("revoke", "Revoke a token: requests with it are refused from now on", id);
        revoke.SetAction((parse, ct) => runner.RunAsync(parse, async c =>
        {
            var revoked = await c.Get<ApiTokenService>().RevokeAsync(parse.GetValue(id), c.CancellationToken);
            c.Output.Result(revoked, $"Revoked token {Number(revoked.Id)} ({revoked.Name}).");
        }, ct));
        token.Subcommands.Add(revoke);
        return token;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>`token create --json`: the row and, this once, the token.</summary>
    private sealed record CreatedTokenJson(int Id, string Name, DateTime CreatedAt, string Token);
}

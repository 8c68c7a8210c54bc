namespace StockBot.Testing;

/// <summary>
/// A PostgreSQL server one test owns (<see cref="PostgresServer.StartPrivate"/>), for what the shared one must not go
/// through: a restart. Disposing it stops the server and removes its folder.
/// </summary>
public sealed class PrivatePostgresServer : IDisposable
{
    private readonly PostgresServer.LocalServer server;

    internal PrivatePostgresServer(PostgresServer.LocalServer server)
    {
        this.server = server;
        Server = PostgresServer.ForAdmin(server.ConnectionString);
    }

    /// <summary>Its databases (<see cref="PostgresServer.CreateDatabase"/>).</summary>
    public PostgresServer Server { get; }

    /// <summary>pg_ctl restart -m fast: every connection is cut; the server answers again, on the same port, when this returns.</summary>
    public void Restart() => server.Restart();

    public void Dispose() => server.Stop();
}

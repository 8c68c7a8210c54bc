namespace StockBot.Simulator;

public sealed class SimulatorOptions
{
    /// <summary>Delay before every API answer, unless a store sets its own.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;
}

public enum SimulatedFault
{
    None,

    /// <summary>Never answers; the request hangs until the client gives up.</summary>
    Timeout,

    /// <summary>HTTP 500 with an HTML body.</summary>
    ServerError,

    /// <summary>HTTP 200 text/html: a Cloudflare-style challenge page.</summary>
    HtmlPage,

    /// <summary>HTTP 200 <c>{"result":"error"}</c> with <see cref="SimulatedStore.ApiErrorMessage"/>.</summary>
    ApiError,

    /// <summary>HTTP 403 "Invalid IP {caller's address}".</summary>
    InvalidIp,

    /// <summary>HTTP 403 "Authentication Failed".</summary>
    AuthenticationFailed,

    /// <summary>HTTP 403 "Invalid Permissions: API action "getproducts" is not allowed".</summary>
    InvalidPermissions,

    /// <summary>HTTP 403 "IP Banned".</summary>
    IpBanned,
}

public enum StockFieldStyle
{
    /// <summary><c>"stocklevel": 5</c>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Names the JSON value kind, which is the point of the option.")]
    Integer,

    /// <summary><c>"stocklevel": "5"</c>, and pid and gid as strings too, as PHP arrays often come out.</summary>
    NumericString,

    /// <summary><c>"quantity_available": 5</c> (WHMCS 8.12+) instead of stocklevel.</summary>
    QuantityAvailable,
}

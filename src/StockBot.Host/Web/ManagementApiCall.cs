using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockBot.Core;
using StockBot.Core.ApiTokens;
using StockBot.Core.Commands;

namespace StockBot.Host.Web;

/// <summary>The service host's container, whose scopes the API's requests run in (the web app has its own).</summary>
internal sealed record ManagementApiHost(IServiceProvider Services);

/// <summary>One management API request as a handler sees it: its DI scope (one per request), its id, its body.</summary>
internal sealed class ManagementApiCall(HttpContext http, IServiceProvider services, string tokenName)
{
    public HttpContext Http => http;

    public CancellationToken CancellationToken => http.RequestAborted;

    public string TokenName => tokenName;

    public ManagementApiBody Body { get; } = new();

    /// <summary>The status the answer goes with (201 after <see cref="Created"/>).</summary>
    public int Status { get; private set; } = StatusCodes.Status200OK;

    public int Id => int.Parse((string)http.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    public Task<CommandArguments> BodyAsync(IReadOnlyList<CommandOption> options, bool allOptional = false) =>
        Body.ReadAsync(http.Request, options, allOptional, CancellationToken);

    /// <summary>201 with the new row's address in Location.</summary>
    public T Created<T>(string collection, T row, Func<T, int> id)
    {
        Status = StatusCodes.Status201Created;
        http.Response.Headers.Location = $"{ManagementApi.Prefix}/{collection}/{id(row).ToString(CultureInfo.InvariantCulture)}";
        return row;
    }

    /// <summary>`?website_id=3`; null when absent; anything but a whole number is bad input naming it.</summary>
    public int? QueryInt(string name) =>
        http.Request.Query[name].ToString() is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new InputException(name, "must be a whole number")
            : null;

    /// <summary>`?force=true`; false when absent.</summary>
    public bool QueryFlag(string name) =>
        http.Request.Query[name].ToString() is { Length: > 0 } text
            ? bool.TryParse(text, out var value) ? value : throw new InputException(name, "must be true or false")
            : false;
}

/// <summary>Mapping one endpoint: the Bearer check, the request's DI scope, and bad input as 400, 404 or 409.</summary>
internal static partial class ManagementApiEndpoints
{
    public static RouteHandlerBuilder Call<T>(this RouteGroupBuilder group, string method, string pattern, string summary, Func<ManagementApiCall, Task<T>> run) =>
        group.MapMethods(pattern, [method], (Delegate)((HttpContext http) => RunAsync(http, http.RequestServices.GetRequiredService<ManagementApiHost>(), run))).WithSummary(summary);

    /// <summary>The OpenAPI answers of an endpoint: <typeparamref name="T"/> on success, <see cref="ApiError"/> otherwise.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder endpoint, int status = StatusCodes.Status200OK) =>
        endpoint.Produces<T>(status)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status401Unauthorized)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

    /// <summary>A JSON body of these catalog options (the OpenAPI request schema is made from them); a duplicate is 409.</summary>
    public static RouteHandlerBuilder Takes(this RouteHandlerBuilder endpoint, IReadOnlyList<CommandOption> options, bool allOptional = false) =>
        endpoint.WithMetadata(new ManagementApiOpenApi.CatalogBody(options, allOptional)).Produces<ApiError>(StatusCodes.Status409Conflict);

    private static async Task<IResult> RunAsync<T>(HttpContext http, ManagementApiHost host, Func<ManagementApiCall, Task<T>> run)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized(http, "missing Authorization: Bearer TOKEN (make a token with: stockbot token create --name NAME)");
        }

        await using var scope = host.Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().AuthenticateAsync(header["Bearer ".Length..].Trim(), http.RequestAborted);
        if (token is null)
        {
            return Unauthorized(http, "the Bearer token is not valid: unknown or revoked");
        }

        var call = new ManagementApiCall(http, scope.ServiceProvider, token.Name);
        try
        {
            var result = await run(call);
            // Written here, so a view the context cannot write fails inside this catch, logged, not as an empty 500.
            return Results.Text(JsonSerializer.Serialize(result, ManagementApiJsonContext.Api.GetTypeInfo(typeof(T))), "application/json", System.Text.Encoding.UTF8, call.Status);
        }
        catch (InputException ex)
        {
            var option = InputFields.OptionFor(ex.Field);
            var status = ex.Kind switch
            {
                // An id in the path (or the query) that names nothing; one the body gave is bad input in the body.
                InputErrorKind.NotFound when !call.Body.Given(option) => StatusCodes.Status404NotFound,
                InputErrorKind.Duplicate => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
            http.Response.Headers.Remove("Location");
            // As the body spelled it; a field the body did not give (the query's website_id, a path id) as the service names it.
            string Spell(string name) => call.Body.Given(name) || name != option ? call.Body.Spell(name) : ex.Field;
            return Error(status, InputFields.Rewrite(ex, Spell), Spell(option));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(host.Services.GetRequiredService<ILogger<ManagementApiHost>>(), ex, http.Request.Method, http.Request.Path.Value ?? string.Empty);
            return Error(StatusCodes.Status500InternalServerError, $"{http.Request.Method} {http.Request.Path} failed unexpectedly; the error was logged. Try again in a moment.", null);
        }
    }

    private static IResult Unauthorized(HttpContext http, string message)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Error(StatusCodes.Status401Unauthorized, message, null);
    }

    private static IResult Error(int status, string message, string? field) =>
        Results.Json(new ApiError(message, field), ManagementApiJsonContext.Api, statusCode: status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Management API {Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string path);
}

using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using StockBot.Http;

namespace StockBot.Whmcs;

public static class WhmcsServiceCollectionExtensions
{
    // A generous bound: a catalogue of a few thousand products is well under 8 MiB; a runaway page is not.
    private const long MaxAnswerBytes = 32 * 1024 * 1024;

    /// <summary>Registers <see cref="WhmcsClient"/> as a typed HttpClient and its <see cref="WhmcsClientOptions"/>.</summary>
    public static IServiceCollection AddWhmcs(this IServiceCollection services, Action<WhmcsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WhmcsClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Retries are our own loop in WhmcsClient, not AddStandardResilienceHandler: its circuit breaker is
        // per named client, so a few dead websites would open it for every website sharing this client.
        services.AddHttpClient<WhmcsClient>(client =>
            {
                client.LimitAnswers(MaxAnswerBytes);
                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                // Some web application firewalls reject requests without a User-Agent.
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("StockBot", "1.0"));
            })
            // A POST that is redirected turns into a GET without the form; WhmcsClient reports the target instead.
            .UseStoreHandler();
        return services;
    }
}

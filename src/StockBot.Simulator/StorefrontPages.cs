using Microsoft.AspNetCore.Http;
using StockBot.Simulator.Storefront;

namespace StockBot.Simulator;

/// <summary>
/// WHMCS's public order pages (cart.php, index.php store routes) in the shape of the store's order form,
/// driven by the same stock as the API, with the store's storefront faults in front.
/// </summary>
internal static class StorefrontPages
{
    private const string ConfigureLocation = "cart.php?a=confproduct&i=0";
    private const string SessionCookie = "WHMCSsim";
    private const string StoreRoute = "/store/";

    public static async Task HandleAsync(HttpContext context, SimulatedStore store, string page)
    {
        var front = store.Storefront;
        var request = context.Request;
        var arrived = DateTimeOffset.UtcNow;
        var cookie = request.Headers.Cookie.ToString();
        if (!request.Cookies.TryGetValue(SessionCookie, out var session) || !session.StartsWith($"s{front.StoreId}-", StringComparison.Ordinal))
        {
            // Path=/ on purpose: every simulated store shares the host, so only a jar per website keeps them apart.
            context.Response.Headers.SetCookie = $"{SessionCookie}={front.NewSession()}; path=/; HttpOnly";
        }

        var latency = front.Latency;
        if (latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var answer = Decide(context, store, page);
        // Recorded before the bytes go out: the client cannot have read the answer before this instant.
        front.Record(new StorefrontRequest(page, request.QueryString.Value ?? string.Empty, arrived, DateTimeOffset.UtcNow,
            cookie.Length == 0 ? null : cookie, request.Headers.UserAgent.ToString()));
        await answer.WriteAsync(context);
    }

    private static StorefrontAnswer Decide(HttpContext context, SimulatedStore store, string page)
    {
        var front = store.Storefront;
        var query = context.Request.Query;
        var view = new StoreView(store, query["language"].FirstOrDefault());
        switch (front.Fault)
        {
            case StorefrontFault.CloudflareChallenge:
                return new StorefrontAnswer(StatusCodes.Status403Forbidden, StorefrontLayout.CloudflareChallenge) { Challenge = true };
            case StorefrontFault.LoginRedirect when !page.Equals("/login.php", StringComparison.OrdinalIgnoreCase):
                return StorefrontAnswer.Redirect("login.php");
            case StorefrontFault.Maintenance:
                return new StorefrontAnswer(StatusCodes.Status503ServiceUnavailable, StorefrontLayout.Maintenance)
                {
                    RetryAfter = front.MaintenanceRetryAfter,
                };
            case StorefrontFault.ServerError:
                return new StorefrontAnswer(StatusCodes.Status500InternalServerError, StorefrontLayout.ServerError);
            case StorefrontFault.RateLimited:
                return new StorefrontAnswer(StatusCodes.Status429TooManyRequests, "<html><body>Too Many Requests</body></html>") { RetryAfter = front.RetryAfter };
            case StorefrontFault.OversizedPage:
                return StorefrontAnswer.Html("<html><body>" + new string('x', 21 * 1024 * 1024) + "</body></html>");
            case StorefrontFault.RedirectElsewhere:
                return StorefrontAnswer.Redirect("https://elsewhere.example/cart.php");
        }

        if (page.Equals("/login.php", StringComparison.OrdinalIgnoreCase))
        {
            return StorefrontAnswer.Html(StorefrontLayout.Login(view));
        }

        if (page.Equals("/index.php", StringComparison.OrdinalIgnoreCase))
        {
            if (string.Equals(query["m"], "product_restock_notifier", StringComparison.OrdinalIgnoreCase))
            {
                return StorefrontAnswer.Html(StorefrontLayout.RestockNotifier(view));
            }

            var route = query["rp"].ToString();
            if (route.StartsWith(StoreRoute, StringComparison.OrdinalIgnoreCase))
            {
                return StoreRouteAnswer(view, route[StoreRoute.Length..].Trim('/').Split('/'));
            }

            return StorefrontAnswer.Html(Listing(view, null));
        }

        var action = query["a"].ToString();
        if (string.Equals(action, "add", StringComparison.OrdinalIgnoreCase))
        {
            var product = int.TryParse(query["pid"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? store.Find(pid) : null;
            return Add(view, product);
        }

        if (string.Equals(action, "confproduct", StringComparison.OrdinalIgnoreCase))
        {
            return StorefrontAnswer.Html(StorefrontLayout.Configure(view));
        }

        var gid = int.TryParse(query["gid"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : (int?)null;
        return StorefrontAnswer.Html(Listing(view, gid));
    }

    private static StorefrontAnswer Add(StoreView view, SimulatedProduct? product)
    {
        if (product is null)
        {
            // WHMCS sends an unknown product back to the product listing.
            return StorefrontAnswer.Redirect("cart.php");
        }

        if (view.Front.Fault == StorefrontFault.BlankOrderPage)
        {
            return StorefrontAnswer.Html(StorefrontLayout.Blank(view));
        }

        if (view.Template == StorefrontTemplate.LagomRestockNotifier && product.Stock == 0)
        {
            return StorefrontAnswer.Redirect($"index.php?m=product_restock_notifier&_action=notify&_pid={product.PidText}");
        }

        if (view.Modern)
        {
            // WHMCS 8.3+ sends every a=add through the product's store route first.
            return StorefrontAnswer.Redirect($"index.php?rp=/store/{StoreView.GroupSlug(product.Gid)}/{StoreView.ProductSlug(product.Pid)}");
        }

        return product.Stock == 0 ? StorefrontAnswer.Html(StorefrontLayout.OutOfStock(view)) : StorefrontAnswer.Redirect(ConfigureLocation);
    }

    private static StorefrontAnswer StoreRouteAnswer(StoreView view, string[] segments)
    {
        var gid = Slug(segments[0], "group-");
        if (segments.Length == 1)
        {
            return StorefrontAnswer.Html(Listing(view, gid ?? -1));
        }

        var product = Slug(segments[1], "product-") is { } pid ? view.Store.Find(pid) : null;
        if (product is null || product.Gid != gid)
        {
            return StorefrontAnswer.Redirect("cart.php");
        }

        return product.Stock == 0 ? StorefrontAnswer.Html(StorefrontLayout.OutOfStock(view)) : StorefrontAnswer.Redirect(ConfigureLocation);
    }

    /// <summary>The listing of a group; without one, the first group (as cart.php shows it).</summary>
    private static string Listing(StoreView view, int? gid)
    {
        var groups = view.Groups;
        var shown = gid ?? (groups.Count > 0 ? groups[0] : -1);
        if (!groups.Contains(shown))
        {
            return StorefrontLayout.Page(view, "Shopping Cart", "<div class=\"alert alert-info\">Please choose a category.</div>");
        }

        var products = view.Visible.Where(p => p.Gid == shown).ToList();
        var html = new StringBuilder(2048);
        html.Append("<div class=\"header-lined\"><h1>").Append(view.GroupName(shown)).Append("</h1></div>");
        switch (view.Template)
        {
            case StorefrontTemplate.PremiumComparison or StorefrontTemplate.PureComparison or StorefrontTemplate.UniversalSlider:
                ComparisonTemplates.Write(html, view, products);
                break;
            case StorefrontTemplate.SupremeComparison:
                SupremeComparisonTemplate.Write(html, view, products);
                break;
            case StorefrontTemplate.CloudSlider:
                CloudSliderTemplate.Write(html, view, products);
                break;
            case StorefrontTemplate.Lagom or StorefrontTemplate.LagomRestockNotifier:
                LagomTemplate.Write(html, view, products);
                break;
            case StorefrontTemplate.LegacyBoxes:
                LegacyBoxesTemplate.Write(html, products);
                break;
            default:
                StandardCartTemplate.Write(html, view, products);
                break;
        }

        return StorefrontLayout.Page(view, "Shopping Cart", html.ToString(), shown);
    }

    private static int? Slug(string segment, string prefix) =>
        segment.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && int.TryParse(segment.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}

/// <summary>A storefront answer, decided before any byte is written.</summary>
internal sealed record StorefrontAnswer(int Status, string? Body, string? Location = null)
{
    public TimeSpan? RetryAfter { get; init; }

    public bool Challenge { get; init; }

    public static StorefrontAnswer Html(string body) => new(StatusCodes.Status200OK, body);

    public static StorefrontAnswer Redirect(string location) => new(StatusCodes.Status302Found, null, location);

    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = Status;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (Challenge)
        {
            response.Headers["cf-mitigated"] = "challenge";
        }

        if (Body is null)
        {
            return Task.CompletedTask;
        }

        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(Body, context.RequestAborted);
    }
}

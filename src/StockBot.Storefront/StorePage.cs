using AngleSharp.Dom;

namespace StockBot.Storefront;

/// <summary>
/// A page the store answered with, after following its redirects on the same site. Parsed when first asked:
/// a listing reads only its order form (<see cref="OrderForm"/>); the whole page is parsed only for what
/// lies outside it (navigation, headings, login forms).
/// </summary>
internal sealed class StorePage(Uri finalUri, int status, string body) : IDisposable
{
    private IDocument? document;
    private IDocument? orderForm;
    private bool orderFormLocated;

    public Uri FinalUri { get; } = finalUri;

    public int Status { get; } = status;

    public string Body { get; } = body;

    /// <summary>The whole page.</summary>
    public IDocument Document => this.document ??= PageParser.Parse(Body);

    /// <summary>Only the order form's container, or null when the page has none holding every product block.</summary>
    public IDocument? OrderForm
    {
        get
        {
            if (!this.orderFormLocated)
            {
                this.orderFormLocated = true;
                this.orderForm = PageParser.ParseOrderForm(Body);
            }

            return this.orderForm;
        }
    }

    public void Dispose()
    {
        this.document?.Dispose();
        this.orderForm?.Dispose();
    }
}

/// <summary>Either a page or the reason there is none.</summary>
internal readonly record struct PageResult(StorePage? Page, StorefrontFailure? Failure)
{
    public static PageResult Of(StorePage page) => new(page, null);

    public static PageResult Failed(StorefrontFailure failure) => new(null, failure);
}

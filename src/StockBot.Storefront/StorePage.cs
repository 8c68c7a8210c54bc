using AngleSharp.Dom;

namespace StockBot.Storefront;

/// <summary>A page the store answered with, parsed, after following its redirects on the same site.</summary>
internal sealed class StorePage(Uri finalUri, int status, IDocument document) : IDisposable
{
    public Uri FinalUri { get; } = finalUri;

    public int Status { get; } = status;

    public IDocument Document { get; } = document;

    public void Dispose() => Document.Dispose();
}

/// <summary>Either a page or the reason there is none.</summary>
internal readonly record struct PageResult(StorePage? Page, StorefrontFailure? Failure)
{
    public static PageResult Of(StorePage page) => new(page, null);

    public static PageResult Failed(StorefrontFailure failure) => new(null, failure);
}

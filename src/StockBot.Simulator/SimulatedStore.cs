using System.Text.Json;
using StockBot.Simulator.Storefront;

namespace StockBot.Simulator;

/// <summary>
/// One WHMCS installation of the simulator. Thread-safe: the product list is copy-on-write and each
/// stock level is a single int, so the request path reads without taking a lock.
/// </summary>
public sealed class SimulatedStore
{
    private readonly Lock gate = new();
    private SimulatedProduct[] products = [];
    private int fault;
    private int stockStyle;
    private long latencyTicks = -1;
    private int requestCount;
    private int failNextRequests;
    private int[]? lastRequestedPids;
    private string apiErrorMessage = "Simulated WHMCS error";
    private AnswerHold? nextHold;

    internal SimulatedStore(int id, Uri websiteUrl, string identifier, string secret, string? accessKey)
    {
        Id = id;
        WebsiteUrl = websiteUrl;
        Identifier = identifier;
        Secret = secret;
        AccessKey = accessKey;
        Storefront = new SimulatedStorefront(id);
    }

    public int Id { get; }

    /// <summary>The WHMCS root, without a trailing slash: <c>{BaseAddress}store/{Id}</c>.</summary>
    public Uri WebsiteUrl { get; }

    public string Identifier { get; }

    public string Secret { get; }

    /// <summary>
    /// When set, the store behaves as if the caller's address were not on WHMCS's API IP allow-list:
    /// requests without this key get "Invalid IP", with a wrong one "Invalid Access Key".
    /// </summary>
    public string? AccessKey { get; }

    /// <summary>The public order pages (cart.php, index.php store routes): their order form and their faults.</summary>
    public SimulatedStorefront Storefront { get; }

    public SimulatedFault Fault
    {
        get => (SimulatedFault)Volatile.Read(ref fault);
        set => Volatile.Write(ref fault, (int)value);
    }

    /// <summary>Overrides <see cref="SimulatorOptions.Latency"/> for this store when set.</summary>
    public TimeSpan? Latency
    {
        get
        {
            var ticks = Interlocked.Read(ref latencyTicks);
            return ticks < 0 ? null : TimeSpan.FromTicks(ticks);
        }
        set
        {
            if (value < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "Latency cannot be negative.");
            }

            Interlocked.Exchange(ref latencyTicks, value?.Ticks ?? -1);
        }
    }

    public StockFieldStyle StockStyle
    {
        get => (StockFieldStyle)Volatile.Read(ref stockStyle);
        set => Volatile.Write(ref stockStyle, (int)value);
    }

    /// <summary>The message of <see cref="SimulatedFault.ApiError"/>.</summary>
    public string ApiErrorMessage
    {
        get => Volatile.Read(ref apiErrorMessage);
        set => Volatile.Write(ref apiErrorMessage, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>API requests (includes/api.php) received, answered or not.</summary>
    public int RequestCount => Volatile.Read(ref requestCount);

    /// <summary>The pids of the last API request; null when it asked for all products (or none came yet).</summary>
    public IReadOnlyList<int>? LastRequestedPids => Volatile.Read(ref lastRequestedPids);

    /// <summary>The next N API requests get HTTP 500, then the store recovers.</summary>
    public int FailNextRequests
    {
        get => Volatile.Read(ref failNextRequests);
        set => Volatile.Write(ref failNextRequests, Math.Max(0, value));
    }

    /// <param name="stock">The stock level; null turns stock control off for the product.</param>
    public void AddProduct(int pid, string name, int? stock, int gid = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        ValidateStock(stock);
        var product = new SimulatedProduct(pid, gid, name, WebsiteUrl, stock);
        lock (gate)
        {
            if (IndexOf(this.products, pid) >= 0)
            {
                throw new ArgumentException($"Product {pid} already exists in store {Id}.", nameof(pid));
            }

            var next = new SimulatedProduct[this.products.Length + 1];
            this.products.CopyTo(next, 0);
            next[^1] = product;
            Array.Sort(next, static (a, b) => a.Pid.CompareTo(b.Pid));
            Volatile.Write(ref this.products, next);
        }
    }

    /// <param name="stock">The new level; null turns stock control off.</param>
    public void SetStock(int pid, int? stock)
    {
        ValidateStock(stock);
        Require(pid).Stock = stock;
    }

    /// <summary>The stock level, or null when stock control is off.</summary>
    public int? GetStock(int pid) => Require(pid).Stock;

    /// <summary>
    /// Serves <paramref name="json"/> as the product's stocklevel, with stock control on, as a broken WHMCS might
    /// (<c>1e12</c>, <c>"abc"</c>, <c>null</c>); null serves the stock level again.
    /// </summary>
    public void SetRawStockLevel(int pid, string? json) =>
        Require(pid).RawStockLevel = json is null ? null : System.Text.Encoding.UTF8.GetBytes(json);

    public void RemoveProduct(int pid)
    {
        lock (gate)
        {
            var index = IndexOf(this.products, pid);
            if (index < 0)
            {
                return;
            }

            var next = new SimulatedProduct[this.products.Length - 1];
            Array.Copy(this.products, 0, next, 0, index);
            Array.Copy(this.products, index + 1, next, index, next.Length - index);
            Volatile.Write(ref this.products, next);
        }
    }

    /// <summary>
    /// Holds the next successful API answer: its products are read when the request arrives, and the answer goes
    /// out only when the hold is released, so a test can put other reads between the two without timing anything.
    /// </summary>
    public AnswerHold HoldNextAnswer()
    {
        var hold = new AnswerHold();
        return Interlocked.CompareExchange(ref nextHold, hold, null) is null
            ? hold
            : throw new InvalidOperationException("The next answer is already held.");
    }

    internal AnswerHold? TakeHold() => Interlocked.Exchange(ref nextHold, null);

    internal SimulatedProduct[] Products => Volatile.Read(ref this.products);

    internal SimulatedProduct? Find(int pid)
    {
        var products = Products;
        var index = IndexOf(products, pid);
        return index < 0 ? null : products[index];
    }

    internal TimeSpan EffectiveLatency(TimeSpan fallback)
    {
        var ticks = Interlocked.Read(ref latencyTicks);
        return ticks < 0 ? fallback : TimeSpan.FromTicks(ticks);
    }

    internal void CountRequest(int[]? pids)
    {
        Interlocked.Increment(ref requestCount);
        Volatile.Write(ref lastRequestedPids, pids);
    }

    /// <summary>Consumes one of <see cref="FailNextRequests"/>; true when this request should fail.</summary>
    internal bool TakeFailure()
    {
        while (true)
        {
            var left = Volatile.Read(ref failNextRequests);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref failNextRequests, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    private SimulatedProduct Require(int pid) =>
        Find(pid) ?? throw new ArgumentException($"Store {Id} has no product {pid}.", nameof(pid));

    private static int IndexOf(SimulatedProduct[] products, int pid)
    {
        int low = 0, high = products.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var current = products[middle].Pid;
            if (current == pid)
            {
                return middle;
            }

            if (current < pid)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private static void ValidateStock(int? stock)
    {
        if (stock < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stock), "Stock cannot be negative; use null to turn stock control off.");
        }
    }
}

/// <summary>One held answer (see <see cref="SimulatedStore.HoldNextAnswer"/>).</summary>
public sealed class AnswerHold
{
    private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the held request has arrived and its products were read.</summary>
    public Task Arrived => arrived.Task;

    public void Release() => released.TrySetResult();

    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        arrived.TrySetResult();
        await released.Task.WaitAsync(cancellationToken);
    }
}

/// <summary>A product with its JSON text encoded once, so answering a request only copies bytes.</summary>
internal sealed class SimulatedProduct
{
    // One int holds both stock control and level, so a reader never sees half of an update.
    private const int StockControlOff = int.MinValue;
    private int stock;
    private byte[]? rawStockLevel;

    public SimulatedProduct(int pid, int gid, string name, Uri websiteUrl, int? stock)
    {
        Pid = pid;
        Gid = gid;
        PidText = pid.ToString(CultureInfo.InvariantCulture);
        GidText = gid.ToString(CultureInfo.InvariantCulture);
        Name = JsonEncodedText.Encode(name);
        Slug = JsonEncodedText.Encode("product-" + PidText);
        Description = JsonEncodedText.Encode($"{name}: a simulated product.");
        ProductUrl = JsonEncodedText.Encode($"{websiteUrl}/cart.php?a=add&pid={PidText}");
        HtmlName = System.Net.WebUtility.HtmlEncode(name);
        this.stock = stock ?? StockControlOff;
    }

    public int Pid { get; }

    public int Gid { get; }

    public string PidText { get; }

    public string GidText { get; }

    public JsonEncodedText Name { get; }

    public JsonEncodedText Slug { get; }

    public JsonEncodedText Description { get; }

    public JsonEncodedText ProductUrl { get; }

    public string HtmlName { get; }

    /// <summary>A stocklevel's JSON served as it is, instead of <see cref="Stock"/>.</summary>
    public byte[]? RawStockLevel
    {
        get => Volatile.Read(ref rawStockLevel);
        set => Volatile.Write(ref rawStockLevel, value);
    }

    public int? Stock
    {
        get
        {
            var value = Volatile.Read(ref this.stock);
            return value == StockControlOff ? null : value;
        }
        set => Volatile.Write(ref this.stock, value ?? StockControlOff);
    }

    /// <summary>Moves a stock-controlled level by <paramref name="delta"/>, never below 0; false when stock control is off.</summary>
    public bool TryMove(int delta, out int before, out int after)
    {
        while (true)
        {
            before = Volatile.Read(ref this.stock);
            if (before == StockControlOff)
            {
                after = before;
                return false;
            }

            after = Math.Max(0, before + delta);
            if (after == before)
            {
                // Already at 0 and asked to go down: a restock is the only move left.
                after = before + Math.Abs(delta);
            }

            if (Interlocked.CompareExchange(ref this.stock, after, before) == before)
            {
                return true;
            }
        }
    }
}

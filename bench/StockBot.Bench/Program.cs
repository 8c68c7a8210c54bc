using StockBot.Bench;

try
{
    var options = BenchOptions.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }

    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    if (options.ServeSimulator)
    {
        await StorefrontStores.ServeAsync(options, cancel.Token);
        return 0;
    }

    if (options.ServeApiSimulator)
    {
        await ApiStores.ServeAsync(options, cancel.Token);
        return 0;
    }

    if (options.ServeEngine is { } instanceName)
    {
        await EngineChild.ServeAsync(options, instanceName, cancel.Token);
        return 0;
    }

    if (options.StorefrontParse)
    {
        Console.WriteLine(await ParseProfile.RunAsync(options, cancel.Token));
        return 0;
    }

    if (options.Storefront)
    {
        var storefront = await new StorefrontBenchmark(options).RunAsync(cancel.Token);
        Console.WriteLine(options.Json ? storefront.Json() : storefront.Table());
        return 0;
    }

    var results = await new Benchmark(options).RunAsync(cancel.Token);
    if (results.ClusterReport is { } cluster)
    {
        Console.WriteLine(cluster);
    }
    else if (options.Json)
    {
        Console.WriteLine(Report.Json(results));
    }
    else
    {
        Console.WriteLine(Report.Table(options, results));
    }

    return 0;
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"stockbot-bench: {ex.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("stockbot-bench: cancelled");
    return 130;
}
catch (BenchFailure ex)
{
    Console.Error.WriteLine($"stockbot-bench: {ex.Message}");
    return 1;
}

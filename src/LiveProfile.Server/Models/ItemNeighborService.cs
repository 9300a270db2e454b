using LiveProfile.Cluster;
using LiveProfile.Engine.Ranking;
using Orleans.Concurrency;

namespace LiveProfile.Server.Models;

/// <summary>
/// The item-to-item model the in-live ranking reads: co-views of the last <see cref="SinceDays"/> days summed over every
/// partition, each product's top neighbours by cosine similarity, handed to every partition. Each fit is kept as
/// <c>models/items/vNNNN.json</c>; after a restart the newest is handed to the partitions before the first ranking.
/// </summary>
internal sealed class ItemNeighborService : IDisposable
{
    public const int SinceDays = 30;

    private readonly EngineRuntime runtime;
    private readonly ILogger<ItemNeighborService> logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly VersionedModelStore<StoredItemModel> _store;
    private volatile ItemModelAnswer? _current;
    private StoredItemModel? _toHandOver; // the newest stored fit, until the partitions have it
    private bool _handedOver;

    public ItemNeighborService(EngineRuntime runtime, string directory, ILogger<ItemNeighborService> logger)
    {
        (this.runtime, this.logger) = (runtime, logger);
        _store = new VersionedModelStore<StoredItemModel>(directory, ServerJson.Context.StoredItemModel);
        _toHandOver = _store.LoadLatest();
        _current = _toHandOver?.Answer;
    }

    public ItemModelAnswer? Current => _current;

    public void Dispose() => _gate.Dispose();

    public async Task<ItemModelAnswer> FitAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var replies = await Task.WhenAll(Enumerable.Range(0, runtime.EngineOptions.Partitions)
                .Select(p => runtime.Partitions.Grain(p).CoOccurrences(SinceDays))).ConfigureAwait(false);
            var counts = new CoOccurrences();
            foreach (var r in replies) counts.Add(r.ToCounts());
            var neighbors = ItemNeighbors.From(counts);
            var reply = Reply(neighbors);
            await HandOverAsync(reply).ConfigureAwait(false);
            var answer = new ItemModelAnswer((Current?.Version ?? 0) + 1, DateTimeOffset.UtcNow, SinceDays, counts.Views.Products.Count, counts.Views.Pairs.Count,
                counts.Purchases.Pairs.Count,
                neighbors.Products, watch.Elapsed.TotalSeconds);
            _store.Save(answer.Version, new StoredItemModel(answer, reply.Products, reply.Neighbors, reply.Weights, reply.Popular, reply.Popularity));
            _current = answer;
            ItemLog.Fitted(logger, answer.Version, answer.ProductsWithNeighbors, answer.Pairs, answer.CoBoughtPairs);
            return answer;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Hands the newest stored model to the partitions once after a start (a fit hands its own over).</summary>
    public async Task EnsureHandedOverAsync()
    {
        if (Volatile.Read(ref _handedOver)) return;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_handedOver) return;
            if (_toHandOver is { } stored)
            {
                await HandOverAsync(new ItemNeighborsReply(stored.Products, stored.Neighbors, stored.Weights, stored.Popular, stored.Popularity)).ConfigureAwait(false);
            }
            Volatile.Write(ref _handedOver, true);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task HandOverAsync(ItemNeighborsReply reply)
    {
        _toHandOver = null; // a newer fit, or this one, is in the partitions from now on
        await Task.WhenAll(Enumerable.Range(0, runtime.EngineOptions.Partitions)
            .Select(p => runtime.Partitions.Grain(p).SetItemNeighbors(new Immutable<ItemNeighborsReply>(reply)))).ConfigureAwait(false);
        Volatile.Write(ref _handedOver, true);
    }

    private static ItemNeighborsReply Reply(ItemNeighbors neighbors)
    {
        var products = neighbors.All.Keys.Order(StringComparer.Ordinal).ToArray();
        var popular = neighbors.AllPopularity.Keys.Order(StringComparer.Ordinal).ToArray();
        return new ItemNeighborsReply(products, [.. products.Select(p => neighbors.All[p].Select(n => n.Product).ToArray())],
            [.. products.Select(p => neighbors.All[p].Select(n => n.Weight).ToArray())], popular, [.. popular.Select(p => neighbors.AllPopularity[p])]);
    }
}

/// <summary>A fit of the item-to-item model: the window, how many products and pairs it saw, how many products got neighbours.</summary>
/// <param name="Pairs">Co-viewed pairs.</param>
/// <param name="CoBoughtPairs">Co-bought pairs (0 in fits stored before purchases were paired).</param>
internal sealed record ItemModelAnswer(int Version, DateTimeOffset FittedAt, int SinceDays, int Products, int Pairs, int CoBoughtPairs,
    int ProductsWithNeighbors, double FitSeconds);

/// <summary>A fit as stored: its answer and the neighbours themselves.</summary>
internal sealed record StoredItemModel(ItemModelAnswer Answer, string[] Products, string[][] Neighbors, float[][] Weights, string[] Popular, float[] Popularity);

internal static partial class ItemLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Item-to-item model v{Version}: {Products} products with neighbours from {Pairs} co-viewed and {CoBought} co-bought pairs")]
    public static partial void Fitted(ILogger logger, int version, int products, int pairs, int coBought);
}

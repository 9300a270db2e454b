using LiveProfile.Engine.Rooms;
using LiveProfile.Peers.Features;
using Orleans.Concurrency;

namespace LiveProfile.Peers.Orleans;

/// <summary>
/// A room's audience (the engine's <see cref="RoomAudience"/>) and its sessions' funnels (the engine's
/// <see cref="ProductFunnel"/>), kept as the partition keeps them: viewers by a dense ordinal, the room's own here.
/// The peers carry no tags, so audiences count viewers, new viewers and dwell only, as the engine's do without tags.
/// </summary>
internal sealed class RoomGrain(PeerWorld world) : Grain, IRoomGrain
{
    private readonly Dictionary<ulong, int> _ordinals = [];
    private readonly RoomAudience _audience = new();
    private readonly Dictionary<(int Session, int Product), ProductFunnel> _funnels = [];
    private readonly Dictionary<int, HashSet<int>> _sessionProducts = [];
    private (int Session, long LastMs) _latest = (-1, long.MinValue);
    private string? _room;

    public Task Apply(ulong user, Immutable<List<RoomSignal>> signals)
    {
        var ordinal = OrdinalOf(user);
        foreach (var signal in signals.Value)
        {
            switch (signal.Kind)
            {
                case RoomSignalKind.Enter:
                    _audience.Enter(ordinal, [], signal.IsNew, signal.SinceMs);
                    // What is on screen when a viewer comes in, it has seen.
                    if (world.World.OnScreen(Room(), signal.TsMs) is { } shown) FunnelOf(signal.Session, shown.ProductKey, signal.TsMs).Saw(ordinal);
                    break;
                case RoomSignalKind.Leave:
                    _audience.Leave(ordinal, [], signal.IsNew, signal.SinceMs);
                    break;
                case RoomSignalKind.Click:
                    FunnelOf(signal.Session, signal.Product, signal.TsMs).Clicked(ordinal);
                    break;
                case RoomSignalKind.Cart:
                    FunnelOf(signal.Session, signal.Product, signal.TsMs).Carted(ordinal);
                    break;
                case RoomSignalKind.Order:
                    FunnelOf(signal.Session, signal.Product, signal.TsMs).Ordered(ordinal);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    public Task<long> LatestSessionClickers()
    {
        if (!_sessionProducts.TryGetValue(_latest.Session, out var products)) return Task.FromResult(0L);
        return Task.FromResult(products.Sum(p => _funnels[(_latest.Session, p)].Count(null).Clicked));
    }

    public Task<int> Viewers() => Task.FromResult(_audience.Viewers);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (var funnel in _funnels.Values) funnel.Dispose();
        return Task.CompletedTask;
    }

    private ProductFunnel FunnelOf(int session, int product, long tsMs)
    {
        if (!_funnels.TryGetValue((session, product), out var funnel))
        {
            _funnels[(session, product)] = funnel = new ProductFunnel();
            if (!_sessionProducts.TryGetValue(session, out var products)) _sessionProducts[session] = products = [];
            products.Add(product);
        }
        if (tsMs >= _latest.LastMs) _latest = (session, tsMs); // the room shows its latest session
        return funnel;
    }

    private int OrdinalOf(ulong user)
    {
        ref var ordinal = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_ordinals, user, out var held);
        if (!held) ordinal = _ordinals.Count - 1;
        return ordinal;
    }

    private string Room() => _room ??= world.Name((int)this.GetPrimaryKeyLong())["room:".Length..];
}

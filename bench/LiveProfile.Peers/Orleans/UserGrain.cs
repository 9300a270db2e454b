using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Peers.Features;
using Orleans.Concurrency;

namespace LiveProfile.Peers.Orleans;

/// <summary>
/// A user's profile (the engine's <see cref="Profile"/>) and transient state (open visits, recent
/// clicks, presence), updated per event by the engine's feature rules (<see cref="FeatureMapper"/>);
/// what the events change in live rooms goes to the rooms' grains, one call per room touched.
/// State lives in memory only: persisting it on deactivation is not measured (nothing deactivates during a run).
/// </summary>
internal sealed class UserGrain(FeatureMapper mapper, ProfileStripes stripes, EngineOptions options, RoomCalls roomCalls) : Grain, IUserGrain
{
    private readonly UserState _state = new();
    private readonly List<RoomSignal> _signals = [];
    private Profile? _profile;
    private Stripe? _stripe;

    public Task Apply(Immutable<EventRecord> e)
    {
        var stripe = Stripe();
        lock (stripe.Gate) mapper.Apply(new ProfileSink(_profile!, options.HalfLifeMinutes), _state, e.Value, _signals);
        return SendRoomSignals();
    }

    public Task ApplyMany(Immutable<List<EventRecord>> events)
    {
        var stripe = Stripe();
        lock (stripe.Gate)
        {
            foreach (var e in events.Value) mapper.Apply(new ProfileSink(_profile!, options.HalfLifeMinutes), _state, e, _signals);
        }
        return SendRoomSignals();
    }

    /// <summary>Hands each room its signals (a user is in one room at a time, so nearly always one call) and waits for them.</summary>
    private Task SendRoomSignals()
    {
        if (_signals.Count == 0) return Task.CompletedTask;
        var user = (ulong)this.GetPrimaryKeyLong();
        var first = _signals[0].Room;
        Task sent;
        if (_signals.TrueForAll(s => s.Room == first))
        {
            sent = Send(first, [.. _signals]);
        }
        else
        {
            sent = Task.WhenAll(_signals.GroupBy(s => s.Room).Select(g => Send(g.Key, [.. g])));
        }
        _signals.Clear();
        return sent;

        Task Send(int room, List<RoomSignal> signals)
        {
            roomCalls.Add();
            return GrainFactory.GetGrain<IRoomGrain>(room).Apply(user, new Immutable<List<RoomSignal>>(signals));
        }
    }

    private Stripe Stripe()
    {
        if (_stripe is not null) return _stripe;
        var id = (ulong)this.GetPrimaryKeyLong();
        _stripe = stripes.For(id);
        lock (_stripe.Gate) _profile = new Profile(id, 0, _stripe.Slabs);
        return _stripe;
    }

    public Task<Immutable<Profile?>> Profile() => Task.FromResult(new Immutable<Profile?>(_profile));
}

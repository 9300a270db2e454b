using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Peers.Features;
using Orleans.Concurrency;

namespace LiveProfile.Peers.Orleans;

/// <summary>
/// A user's profile (the engine's <see cref="Profile"/>) and transient state (open visits, recent
/// clicks), updated per event by the engine's feature rules (<see cref="FeatureMapper"/>).
/// State lives in memory only: persisting it on deactivation is not measured (nothing deactivates during a run).
/// </summary>
internal sealed class UserGrain(FeatureMapper mapper, ProfileStripes stripes, EngineOptions options) : Grain, IUserGrain
{
    private readonly UserState _state = new();
    private Profile? _profile;
    private Stripe? _stripe;

    public Task Apply(Immutable<EventRecord> e)
    {
        var stripe = Stripe();
        lock (stripe.Gate) mapper.Apply(new ProfileSink(_profile!, options.HalfLifeMinutes), _state, e.Value);
        return Task.CompletedTask;
    }

    public Task ApplyMany(Immutable<List<EventRecord>> events)
    {
        var stripe = Stripe();
        lock (stripe.Gate)
        {
            foreach (var e in events.Value) mapper.Apply(new ProfileSink(_profile!, options.HalfLifeMinutes), _state, e);
        }
        return Task.CompletedTask;
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

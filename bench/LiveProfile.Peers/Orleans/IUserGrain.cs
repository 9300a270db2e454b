using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using Orleans.Concurrency;

namespace LiveProfile.Peers.Orleans;

/// <summary>
/// One user's profile as a grain (key = canonical profile id). Events are passed as
/// <see cref="Immutable{T}"/>, as the server passes batches to its partition grains: in-process
/// calls then skip the deep copy.
/// </summary>
internal interface IUserGrain : IGrainWithIntegerKey
{
    Task Apply(Immutable<EventRecord> e);

    /// <summary>The user's events of one ingest batch, in log order.</summary>
    Task ApplyMany(Immutable<List<EventRecord>> events);

    /// <summary>The profile object itself (in-process only), to compare with the engine's.</summary>
    Task<Immutable<Profile?>> Profile();
}

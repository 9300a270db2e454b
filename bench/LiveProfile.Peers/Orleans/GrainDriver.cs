using System.Runtime.InteropServices;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using Orleans.Concurrency;

namespace LiveProfile.Peers.Orleans;

/// <summary>
/// Drives the user grains as an ingest path would, identity resolved in log order on one thread, in
/// one of two ways. Per event: one call per event, up to two chunks of 4,096 calls in flight (the
/// next chunk is issued while the previous one completes); Orleans does not order calls in flight
/// together, so a hot user's events may apply out of order. Per user: each 16,384-event batch is
/// grouped by user and sent as one call per user, all at once, and the batch completes before the
/// next is sent: fewer calls, and every user's events apply in order.
/// </summary>
internal sealed class GrainDriver(IGrainFactory grains, bool perUser)
{
    private const int Chunk = 4096;
    private readonly IdentityGraph _identity = new();
    private readonly List<(ulong From, ulong To)> _merges = [];
    private readonly Dictionary<ulong, List<EventRecord>> _byUser = [];
    private List<Task> _issuing = new(Chunk);
    private List<Task> _completing = new(Chunk);

    public int Users => _identity.IdentifierCount;

    /// <summary>Grain calls made so far.</summary>
    public long Calls { get; private set; }

    public async Task RunAsync(IEnumerable<List<(long Lsn, EventRecord Event)>> batches)
    {
        foreach (var batch in batches)
        {
            foreach (var (_, e) in batch)
            {
                if (!e.Type.RequiresUser()) continue; // the catalog is loaded into the shared world already
                _merges.Clear(); // the synthetic stream links no identities, so no profile ever moves
                var profile = _identity.Resolve(CollectionsMarshal.AsSpan(e.Ids), _merges);
                if (perUser)
                {
                    ref var events = ref CollectionsMarshal.GetValueRefOrAddDefault(_byUser, profile, out _);
                    (events ??= []).Add(e);
                    continue;
                }
                Issue(grains.GetGrain<IUserGrain>((long)profile).Apply(new Immutable<EventRecord>(e)));
                if (_issuing.Count < Chunk) continue;
                await Task.WhenAll(_completing).ConfigureAwait(false);
                _completing.Clear();
                (_issuing, _completing) = (_completing, _issuing);
            }
            if (!perUser) continue;
            foreach (var (profile, events) in _byUser) Issue(grains.GetGrain<IUserGrain>((long)profile).ApplyMany(new(events)));
            await Task.WhenAll(_issuing).ConfigureAwait(false);
            _issuing.Clear();
            _byUser.Clear();
        }
        await Task.WhenAll(_completing).ConfigureAwait(false);
        await Task.WhenAll(_issuing).ConfigureAwait(false);
        _completing.Clear();
        _issuing.Clear();
    }

    private void Issue(Task call)
    {
        _issuing.Add(call);
        Calls++;
    }
}

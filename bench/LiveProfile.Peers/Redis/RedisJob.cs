using System.Runtime.InteropServices;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Time;
using LiveProfile.Peers.Features;
using StackExchange.Redis;

namespace LiveProfile.Peers.Redis;

/// <summary>
/// What the Flink job of a Flink-plus-Redis design does per event, on one thread: resolve identity,
/// keep the user's transient state (open visits, recent clicks), and write the feature updates to
/// Redis. Commands go out fire-and-forget; a PING every 1,024 events, of which at most 32 are
/// awaited late, bounds the pipeline (about 400k commands in flight) without waiting on replies.
/// </summary>
internal sealed class RedisJob
{
    private const int AckEvery = 1024;
    private const int MaxAcks = 32;
    private readonly IDatabase _db;
    private readonly FeatureMapper _mapper;
    private readonly int _utcOffsetMinutes;
    private readonly IdentityGraph _identity = new();
    private readonly List<(ulong From, ulong To)> _merges = [];
    private readonly Dictionary<ulong, UserState> _users = [];
    private readonly Queue<Task> _acks = new();
    private long _watermarkMs = long.MinValue;

    public RedisJob(IDatabase db, FeatureMapper mapper, double halfLifeMinutes, int utcOffsetMinutes, int anchorMinute)
    {
        _db = db;
        _mapper = mapper;
        _utcOffsetMinutes = utcOffsetMinutes;
        Sink = new RedisSink(db, mapper.World, halfLifeMinutes, anchorMinute);
    }

    public RedisSink Sink { get; }

    public int Users => _users.Count;

    public async Task RunAsync(IEnumerable<List<(long Lsn, EventRecord Event)>> batches)
    {
        var n = 0;
        foreach (var batch in batches)
        {
            foreach (var (_, e) in batch)
            {
                if (!e.Type.RequiresUser()) continue; // the catalog is loaded into the world (broadcast state) already
                if (e.TsMs > _watermarkMs)
                {
                    _watermarkMs = e.TsMs;
                    Sink.Today = EventTime.LocalDay(e.TsMs, _utcOffsetMinutes);
                }
                _merges.Clear(); // the synthetic stream links no identities, so no profile ever moves
                var profile = _identity.Resolve(CollectionsMarshal.AsSpan(e.Ids), _merges);
                ref var user = ref CollectionsMarshal.GetValueRefOrAddDefault(_users, profile, out var known);
                user ??= new UserState();
                Sink.Bind(profile, user, newUser: !known);
                _mapper.Apply(Sink, user, e);
                if (++n % AckEvery != 0) continue;
                _acks.Enqueue(_db.PingAsync());
                if (_acks.Count > MaxAcks) await _acks.Dequeue().ConfigureAwait(false);
            }
        }
        while (_acks.Count > 0) await _acks.Dequeue().ConfigureAwait(false);
        await _db.PingAsync().ConfigureAwait(false); // every command before it has been executed
    }
}

using System.Collections.Concurrent;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning;

namespace LiveProfile.Peers.Features;

/// <summary>
/// The world as the peers see it: the engine's <see cref="Engine.Partitioning.World"/> loaded with the
/// catalog once (then only read, so grains on any thread share it), and thread-safe ids for rooms
/// and sessions, which the engine interns per partition on its single thread.
/// </summary>
internal sealed class PeerWorld
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, string> _names = new();
    private readonly ConcurrentDictionary<string, int> _rooms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Day, int Key)> _daySessions = new(StringComparer.Ordinal);
    private int _next;

    public PeerWorld(IEnumerable<EventRecord> catalog, int utcOffsetMinutes)
    {
        World = new World(new Interner(), new Interner()) { UtcOffsetMinutes = utcOffsetMinutes };
        foreach (var e in catalog) World.Apply(e);
        World.MedianPrice(0); // builds the medians now, before threads read them
    }

    public World World { get; }

    public string Name(int id) => _names[id];

    public int RoomKey(string room) => _rooms.TryGetValue(room, out var key) ? key : _rooms.GetOrAdd(room, r => Key("room:" + r));

    /// <summary>
    /// The session of a live event: the one it names, else one per room and local day (what the engine
    /// resolves when no <c>catalog.session</c> is scheduled, as in the synthetic stream).
    /// </summary>
    public int SessionKey(string room, string? session, int day)
    {
        if (session is not null) return Key("session:" + session);
        if (_daySessions.TryGetValue(room, out var cached) && cached.Day == day) return cached.Key;
        var key = Key($"session:{room}#{day}");
        _daySessions[room] = (day, key);
        return key;
    }

    private int Key(string name) => _ids.GetOrAdd(name, n =>
    {
        var id = Interlocked.Increment(ref _next);
        _names[id] = n;
        return id;
    });
}

using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Rooms;
using LiveProfile.Engine.Segments;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Product funnels per live session (on screen → clicks → carts → orders): a product counts as on screen for every
/// viewer in the room when it is presented and for everyone who comes in while it is; clicks are live clicks in the room;
/// carts and orders count while the viewer is in the room. Sessions are kept for <see cref="FunnelRetention"/> of event
/// time after their last activity.
/// </summary>
public sealed partial class PartitionEngine
{
    /// <summary>How long a session's funnels outlive its last activity (in event time).</summary>
    public static readonly TimeSpan FunnelRetention = TimeSpan.FromDays(2);

    private readonly Dictionary<int, SessionFunnels> _funnels = []; // by session key
    // Keyed by a tuple, whose hash mixes both keys: (session << 32 | product) as a long hashed to session ^ product, and
    // interned keys are small numbers, so thousands of funnels shared a few hash codes (FunnelOf was 8 % of the engine).
    private readonly Dictionary<(int Session, int Product), (ProductFunnel Funnel, SessionFunnels Session)> _funnelsByKey = [];
    private readonly Dictionary<int, SessionFunnels> _roomSession = []; // room key → its latest session with a funnel
    private long _lastFunnelPruneMs = long.MinValue;

    /// <summary>The funnels of a room's latest session, per product, counting only <paramref name="members"/> when given (a segment's).</summary>
    private List<FunnelRow> FunnelsOf(int roomKey, Roaring.Net.CRoaring.Roaring32Bitmap? members)
    {
        if (!_roomSession.TryGetValue(roomKey, out var funnels)) return [];
        var rows = new List<FunnelRow>(funnels.Products.Count);
        foreach (var (productKey, funnel) in funnels.Products)
        {
            var product = World.Keys.Name(productKey)["product:".Length..];
            rows.Add(new FunnelRow(product, World.TryGetProduct(product, out var info) ? info.Title : product, funnel.Count(members)));
        }
        return rows;
    }

    /// <summary>A product went on screen: everyone in the room now has seen it.</summary>
    private void ProductShown(EventRecord e)
    {
        if (e.Room is null || !World.TryGetProduct(e.Product, out var product)) return;
        var room = World.RoomKey(e.Room);
        var funnel = FunnelOf(World.SessionKey(e.Room, e.Session, e.TsMs, Options.LocalUtcOffsetMinutes), room, product.ProductKey, e.TsMs,
            out var session);
        if (!_audiences.TryGetValue(room, out var audience) || audience.Viewers == 0) return;
        using var viewers = audience.Members.ToBitmap();
        funnel.Saw(viewers);
        session.Reached.UnionWith(audience.Members);
    }

    /// <summary>A viewer came into a room: what is on screen there now, it has seen.</summary>
    private void SawScreen(Profile profile, string room, int roomKey, int session, long tsMs)
    {
        if (World.OnScreen(room, tsMs) is not { } product) return;
        FunnelOf(session, roomKey, product.ProductKey, tsMs, out var funnels).Saw(profile.Ordinal);
        funnels.Reached.Add(profile.Ordinal);
    }

    private void FunnelClick(Profile profile, int roomKey, int session, int product, long tsMs)
    {
        FunnelOf(session, roomKey, product, tsMs, out var funnels).Clicked(profile.Ordinal);
        funnels.Reached.Add(profile.Ordinal);
    }

    /// <summary>
    /// A cart or an order counts in the funnel of the room it names (an order attributed to a live room), else of the room
    /// the viewer is in.
    /// </summary>
    private void FunnelPurchase(Profile profile, EventRecord e, int product, bool ordered)
    {
        var (room, session) = e.Room is { } named
            ? (World.RoomKey(named), World.SessionKey(named, e.Session, e.TsMs, Options.LocalUtcOffsetMinutes))
            : (profile.PresentRoom, profile.PresentSession);
        if (session < 0) return;
        var funnel = FunnelOf(session, room, product, e.TsMs, out var funnels);
        if (ordered) funnel.Ordered(profile.Ordinal);
        else funnel.Carted(profile.Ordinal);
        funnels.Reached.Add(profile.Ordinal);
    }

    /// <summary>Forgets a leaving profile in the funnels of the sessions it reached (each session knows whom).</summary>
    private void ForgetInFunnels(int ordinal)
    {
        foreach (var session in _funnels.Values)
        {
            if (!session.Reached.Remove(ordinal)) continue;
            foreach (var funnel in session.Products.Values) funnel.Forget(ordinal);
        }
    }

    private ProductFunnel FunnelOf(int session, int room, int product, long tsMs) => FunnelOf(session, room, product, tsMs, out _);

    private ProductFunnel FunnelOf(int session, int room, int product, long tsMs, out SessionFunnels funnels)
    {
        if (!_funnelsByKey.TryGetValue((session, product), out var held))
        {
            if (!_funnels.TryGetValue(session, out var ofSession)) _funnels[session] = ofSession = new SessionFunnels(room);
            held = (new ProductFunnel(), ofSession);
            ofSession.Products[product] = held.Funnel;
            _funnelsByKey[(session, product)] = held;
        }
        funnels = held.Session;
        if (tsMs > funnels.LastMs)
        {
            funnels.LastMs = tsMs;
            // The room shows its latest session: the one its newest activity belongs to.
            if (!funnels.IsRoomLatest && (!_roomSession.TryGetValue(room, out var latest) || latest.LastMs <= tsMs))
            {
                if (latest is not null) latest.IsRoomLatest = false;
                _roomSession[room] = funnels;
                funnels.IsRoomLatest = true;
            }
        }
        return held.Funnel;
    }

    /// <summary>Drops the funnels of sessions idle for longer than the retention (checked once an hour of event time).</summary>
    private void PruneFunnels(long watermarkMs)
    {
        if (_lastFunnelPruneMs != long.MinValue && watermarkMs - _lastFunnelPruneMs < 3_600_000) return;
        _lastFunnelPruneMs = watermarkMs;
        var cutoff = watermarkMs - (long)FunnelRetention.TotalMilliseconds;
        foreach (var (session, funnels) in _funnels.Where(f => f.Value.LastMs < cutoff).ToList())
        {
            foreach (var (product, funnel) in funnels.Products)
            {
                funnel.Dispose();
                _funnelsByKey.Remove((session, product));
            }
            _funnels.Remove(session);
            if (funnels.IsRoomLatest) _roomSession.Remove(funnels.Room);
        }
    }

    /// <summary>Checkpoint form of every session's funnels (keys are this partition's, saved with it).</summary>
    private void WriteFunnels(BinaryWriter w)
    {
        w.Write(_lastFunnelPruneMs);
        w.Write(_funnels.Count);
        foreach (var (session, funnels) in _funnels)
        {
            w.Write(session);
            w.Write(funnels.Room);
            w.Write(funnels.LastMs);
            w.Write(funnels.IsRoomLatest);
            w.Write(funnels.Products.Count);
            foreach (var (product, funnel) in funnels.Products)
            {
                w.Write(product);
                funnel.Write(w);
            }
        }
    }

    private void ReadFunnels(BinaryReader r)
    {
        _lastFunnelPruneMs = r.ReadInt64();
        for (var sessions = r.ReadInt32(); sessions > 0; sessions--)
        {
            var session = r.ReadInt32();
            var funnels = new SessionFunnels(r.ReadInt32()) { LastMs = r.ReadInt64(), IsRoomLatest = r.ReadBoolean() };
            _funnels[session] = funnels;
            if (funnels.IsRoomLatest) _roomSession[funnels.Room] = funnels;
            for (var products = r.ReadInt32(); products > 0; products--)
            {
                var product = r.ReadInt32();
                var funnel = ProductFunnel.Read(r);
                funnels.Products[product] = funnel;
                funnel.AddPeopleTo(funnels.Reached);
                _funnelsByKey[(session, product)] = (funnel, funnels);
            }
        }
    }

    /// <summary>The funnel stages a leaving (merged) profile reached, in portable form (names, not keys).</summary>
    private void WriteFunnelStages(BinaryWriter w, int ordinal)
    {
        var reached = new List<(int Session, SessionFunnels Funnels, int Product, FunnelStages Stages)>();
        foreach (var (session, funnels) in _funnels)
        {
            if (!funnels.Reached.Contains(ordinal)) continue;
            foreach (var (product, funnel) in funnels.Products)
            {
                if (funnel.StagesOf(ordinal) is var stages and not 0) reached.Add((session, funnels, product, stages));
            }
        }
        w.Write(reached.Count);
        foreach (var (session, funnels, product, stages) in reached)
        {
            w.Write(World.Keys.Name(session));
            w.Write(World.Keys.Name(funnels.Room));
            w.Write(World.Keys.Name(product));
            w.Write(funnels.LastMs);
            w.Write((byte)stages);
        }
    }

    /// <summary>The merged profile reached every stage either profile reached: one person, counted once.</summary>
    private void ReadFunnelStages(BinaryReader r, Profile? target)
    {
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var session = World.Keys.Intern(r.ReadString());
            var room = World.Keys.Intern(r.ReadString());
            var product = World.Keys.Intern(r.ReadString());
            var lastMs = r.ReadInt64();
            var stages = (FunnelStages)r.ReadByte();
            if (target is null) continue;
            FunnelOf(session, room, product, lastMs, out var funnels).Add(target.Ordinal, stages);
            funnels.Reached.Add(target.Ordinal);
        }
    }

    private sealed class SessionFunnels(int room)
    {
        public int Room { get; } = room;

        /// <summary>This is the session the room's funnels show (its newest activity).</summary>
        public bool IsRoomLatest { get; set; }

        public long LastMs { get; set; } = long.MinValue;
        public Dictionary<int, ProductFunnel> Products { get; } = [];

        /// <summary>
        /// Everyone who reached a stage of any product of the session (never fewer): a leaving profile is looked for
        /// only in the sessions it reached, not in every funnel (a merge scanned them all: 75 % of its cost).
        /// </summary>
        public OrdinalSet Reached { get; } = new();
    }
}

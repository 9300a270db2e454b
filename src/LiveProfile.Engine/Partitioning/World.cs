using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// A partition's copy of the shared world: the catalog, scheduled sessions and what each room
/// shows now. Every partition receives the same broadcast events in log order, so the copies agree.
/// </summary>
public sealed class World
{
    private readonly Dictionary<string, ProductInfo> _products = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScheduledSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoomScreens> _rooms = new(StringComparer.Ordinal);
    // Raw id → interned key, so the per-event path does not build "room:…" strings.
    private readonly Dictionary<string, int> _roomKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sessionKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int LocalDay, int SessionKey)> _daySessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(long StartsAtMs, string Session)>> _roomSchedules = new(StringComparer.Ordinal);
    // Sessions seen per room (scheduled, or presenting products), by start: "the room's last n sessions".
    private readonly Dictionary<int, List<(long StartsAtMs, int Session)>> _roomSessions = [];
    // Top-level categories each session presented (line-up and products on screen): "sessions presenting appliances".
    private readonly Dictionary<int, List<int>> _presented = [];
    private Dictionary<int, double>? _medianPrices;

    public World(Interner keys, Interner categories)
    {
        Keys = keys;
        Categories = categories;
    }

    /// <summary>Strings of affinity keys, rooms, sessions, regions.</summary>
    public Interner Keys { get; }

    /// <summary>Top-level categories, kept apart so their ids fit window keys.</summary>
    public Interner Categories { get; }

    public int ProductCount => _products.Count;

    /// <summary>Users' local time (minutes east of UTC): days of unscheduled sessions are local days.</summary>
    public int UtcOffsetMinutes { get; set; } = 8 * 60;
    public IReadOnlyDictionary<string, ScheduledSession> Sessions => _sessions;

    public bool TryGetProduct(string? product, out ProductInfo info)
    {
        if (product is not null && _products.TryGetValue(product, out info!)) return true;
        info = null!;
        return false;
    }

    public void Apply(EventRecord e)
    {
        switch (e.Type)
        {
            case EventType.CatalogProduct:
                UpsertProduct(e.Product!, e.Props);
                break;
            case EventType.CatalogSession:
                var id = e.Session ?? e.Id;
                var scheduled = new ScheduledSession(e.Props.SessionRoom ?? e.Room ?? "", e.Props.StartsAtMs ?? e.TsMs,
                    e.Props.Products?.ToArray() ?? [], e.Props.Streamer, e.Props.Title);
                Schedule(id, scheduled);
                var key = SessionKey(scheduled.Room, id, scheduled.StartsAtMs, UtcOffsetMinutes);
                NoteSession(RoomKey(scheduled.Room), key, scheduled.StartsAtMs);
                foreach (var product in scheduled.Products)
                {
                    if (_products.TryGetValue(product, out var info)) NotePresented(key, info.TopCategoryKey);
                }
                break;
            case EventType.LiveProductOnScreen:
                ScreensOf(e.Room!).Add(new RoomScreen(e.Product!, e.TsMs, e.Props.UntilMs ?? long.MaxValue));
                var session = SessionKey(e.Room!, e.Session, e.TsMs, UtcOffsetMinutes);
                NoteSession(RoomKey(e.Room!), session, e.TsMs);
                if (_products.TryGetValue(e.Product!, out var shown)) NotePresented(session, shown.TopCategoryKey);
                break;
            default:
                break; // external signals are kept in the log for later features
        }
    }

    /// <summary>The id of the product the room presents at <paramref name="tsMs"/>, if any.</summary>
    public string? OnScreenId(string? room, long tsMs) => room is not null && _rooms.TryGetValue(room, out var screens) ? screens.At(tsMs) : null;

    /// <summary>The product the room presents at <paramref name="tsMs"/>, if any.</summary>
    public ProductInfo? OnScreen(string? room, long tsMs) => OnScreenId(room, tsMs) is { } product ? _products.GetValueOrDefault(product) : null;

    /// <summary>Interned key of a room (<c>room:…</c>).</summary>
    /// <summary>The key of a room seen before, without interning a new one (queries must not grow the world).</summary>
    /// <summary>The room's key if the room has been seen (also before a checkpoint this world was loaded from).</summary>
    public bool TryRoomKey(string room, out int key)
    {
        if (_roomKeys.TryGetValue(room, out key)) return true;
        if (!Keys.TryGet("room:" + room, out key)) return false;
        _roomKeys[room] = key;
        return true;
    }

    public int RoomKey(string room)
    {
        if (!_roomKeys.TryGetValue(room, out var key)) _roomKeys[room] = key = Keys.Intern("room:" + room);
        return key;
    }

    /// <summary>Interned key (<c>session:…</c>) of the session a live event belongs to; see <see cref="ResolveSession"/>.</summary>
    public int SessionKey(string room, string? session, long tsMs, int utcOffsetMinutes)
    {
        if (session is null && _sessions.Count == 0)
        {
            // No schedule at all: one session per room and local day, cached per room.
            var day = Time.EventTime.LocalDay(tsMs, utcOffsetMinutes);
            if (_daySessions.TryGetValue(room, out var cached) && cached.LocalDay == day) return cached.SessionKey;
            var key = Keys.Intern("session:" + $"{room}#{day}");
            _daySessions[room] = (day, key);
            return key;
        }
        return SessionKeyOf(ResolveSession(room, session, tsMs, utcOffsetMinutes));
    }

    /// <summary>The interned key of the session named <paramref name="id"/> (the key attendance records).</summary>
    public int SessionKeyOf(string id)
    {
        if (!_sessionKeys.TryGetValue(id, out var sessionKey)) _sessionKeys[id] = sessionKey = Keys.Intern("session:" + id);
        return sessionKey;
    }

    /// <summary>
    /// The session a live event belongs to: the one it names, else the room's scheduled session
    /// that started last before it (within a day), else one per room and local day.
    /// </summary>
    public string ResolveSession(string room, string? session, long tsMs, int utcOffsetMinutes)
    {
        if (session is not null) return session;
        if (_roomSchedules.TryGetValue(room, out var schedule))
        {
            // Newest first: the last session that started before the event, within a day.
            for (var i = schedule.Count - 1; i >= 0; i--)
            {
                var (starts, id) = schedule[i];
                if (starts > tsMs) continue;
                if (tsMs - starts < Time.EventTime.MsPerDay) return id;
                break;
            }
        }
        return $"{room}#{Time.EventTime.LocalDay(tsMs, utcOffsetMinutes)}";
    }

    /// <summary>Whether the session (interned key) presented a product of the top-level category.</summary>
    public bool Presents(int session, int category) => _presented.TryGetValue(session, out var categories) && categories.Contains(category);

    /// <summary>
    /// The room's last <paramref name="n"/> sessions started by <paramref name="nowMs"/> (newest first)
    /// into <paramref name="sessions"/>; returns how many. Rooms with no known session count one per local day.
    /// </summary>
    public int LastSessions(string room, long nowMs, Span<int> sessions)
    {
        var n = 0;
        if ((_roomKeys.TryGetValue(room, out var roomKey) || Keys.TryGet("room:" + room, out roomKey)) && _roomSessions.TryGetValue(roomKey, out var known))
        {
            for (var i = known.Count - 1; i >= 0 && n < sessions.Length; i--)
            {
                if (known[i].StartsAtMs <= nowMs) sessions[n++] = known[i].Session;
            }
            return n;
        }
        var today = Time.EventTime.LocalDay(nowMs, UtcOffsetMinutes);
        for (var day = today; n < sessions.Length; day--)
        {
            sessions[n++] = Keys.TryGet("session:" + $"{room}#{day}", out var key) ? key : -1;
        }
        return n;
    }

    /// <summary>Median catalogue price of the top-level category's products (0 when it has none).</summary>
    public double MedianPrice(int category)
    {
        _medianPrices ??= _products.Values.GroupBy(p => p.TopCategoryKey).ToDictionary(g => g.Key, g => Median([.. g.Select(p => p.Price)]));
        return _medianPrices.GetValueOrDefault(category);
    }

    private static double Median(double[] prices)
    {
        Array.Sort(prices);
        var mid = prices.Length / 2;
        return prices.Length % 2 == 1 ? prices[mid] : (prices[mid - 1] + prices[mid]) / 2;
    }

    private void NoteSession(int room, int session, long startsAtMs)
    {
        if (!_roomSessions.TryGetValue(room, out var list)) _roomSessions[room] = list = [];
        var at = list.FindIndex(x => x.Session == session);
        if (at >= 0)
        {
            if (list[at].StartsAtMs <= startsAtMs) return;
            list.RemoveAt(at); // an earlier sign of the same session: it started then
        }
        var index = list.FindLastIndex(x => x.StartsAtMs <= startsAtMs);
        list.Insert(index + 1, (startsAtMs, session));
        if (list.Count > 256)
        {
            // followed_last_sessions reads at most 64; forget what the oldest session presented with it.
            _presented.Remove(list[0].Session);
            list.RemoveAt(0);
        }
    }

    private void NotePresented(int session, int category)
    {
        if (!_presented.TryGetValue(session, out var categories)) _presented[session] = categories = [];
        if (!categories.Contains(category)) categories.Add(category);
    }

    internal IEnumerable<(int Room, List<(long StartsAtMs, int Session)> Sessions)> RoomSessions => _roomSessions.Select(r => (r.Key, r.Value));
    internal IEnumerable<(int Session, List<int> Categories)> Presented => _presented.Select(p => (p.Key, p.Value));
    internal void RestoreRoomSessions(int room, List<(long StartsAtMs, int Session)> sessions) => _roomSessions[room] = sessions;
    internal void RestorePresented(int session, List<int> categories) => _presented[session] = categories;

    private void UpsertProduct(string product, EventProps props)
    {
        _medianPrices = null;
        var path = props.Category!.Trim('/');
        var levels = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var keys = new List<int>(levels.Length + 3);
        for (var i = 1; i <= levels.Length; i++) keys.Add(Keys.Intern("cat:" + string.Join('/', levels, 0, i)));
        if (props.Brand is { Length: > 0 } brand) keys.Add(Keys.Intern("brand:" + brand));
        var price = props.Price ?? 0;
        keys.Add(Keys.Intern(PriceBands.BandOf(price)));
        var labels = props.Labels?.ToArray() ?? [];
        foreach (var label in labels) keys.Add(Keys.Intern("label:" + label));
        _products[product] = new ProductInfo
        {
            ProductKey = Keys.Intern("product:" + product),
            TopCategoryKey = Categories.Intern(levels.Length > 0 ? levels[0] : "unknown"),
            AffinityKeys = [.. keys],
            Price = price,
            CategoryPath = path,
            Brand = props.Brand,
            Labels = labels,
            Ingredients = props.Ingredients?.ToArray() ?? [],
            Title = props.Title ?? product,
        };
    }

    internal IEnumerable<(string Id, ProductInfo Info)> Products => _products.Select(p => (p.Key, p.Value));
    internal IEnumerable<(string Room, RoomScreen Screen)> Screens => _rooms.SelectMany(r => r.Value.All.Select(s => (r.Key, s)));

    internal void Restore(string product, ProductInfo info) => _products[product] = info;
    internal void Restore(string session, ScheduledSession s) => Schedule(session, s);

    private void Schedule(string id, ScheduledSession session)
    {
        if (_sessions.TryGetValue(id, out var previous) && _roomSchedules.TryGetValue(previous.Room, out var old))
        {
            old.RemoveAll(x => x.Session == id); // rescheduled: the upsert replaces it
        }
        _sessions[id] = session;
        if (!_roomSchedules.TryGetValue(session.Room, out var schedule)) _roomSchedules[session.Room] = schedule = [];
        var index = schedule.FindIndex(x => x.StartsAtMs > session.StartsAtMs);
        schedule.Insert(index < 0 ? schedule.Count : index, (session.StartsAtMs, id));
    }
    internal void Restore(string room, RoomScreen screen) => ScreensOf(room).Add(screen);

    private RoomScreens ScreensOf(string room)
    {
        if (!_rooms.TryGetValue(room, out var screens)) _rooms[room] = screens = new RoomScreens();
        return screens;
    }
}

public sealed record ScheduledSession(string Room, long StartsAtMs, string[] Products, string? Streamer, string? Title);

public readonly record struct RoomScreen(string Product, long SinceMs, long UntilMs);

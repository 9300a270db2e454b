using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags.Language;
using LiveProfile.Engine.Time;

namespace LiveProfile.Engine.Tags.Evaluation;

/// <summary>
/// The tag language's view of one profile at one reference time (event time), over the compact
/// state of its partition. One instance per partition, reused: <see cref="Reset"/> points it at a
/// profile. Reads only: it never interns, so evaluating cannot grow the partition's dictionaries.
/// </summary>
internal sealed class ProfileFeatureContext : IFeatureContext
{
    private const int MinutesPerDay = 1440;
    private readonly World _world;
    private readonly EngineOptions _options;
    private readonly SpendRanks _spend;
    private readonly Dictionary<(string Prefix, string Name), int> _keyCache = [];
    // Window sums of the profile being evaluated: definitions share many (count('live.comment', 30d) twice in one).
    private readonly Dictionary<int, long> _sums = [];
    private Profile _profile = null!;
    private long _nowMs;
    private int _nowMinute;
    private int _today;

    public ProfileFeatureContext(World world, EngineOptions options, SpendRanks spend)
    {
        _world = world;
        _options = options;
        _spend = spend;
    }

    public Profile Profile => _profile;
    public long NowMs => _nowMs;

    public void Reset(Profile profile, long nowMs)
    {
        _profile = profile;
        _nowMs = nowMs;
        _sums.Clear();
        _nowMinute = EventTime.ToMinute(nowMs);
        _today = EventTime.LocalDay(nowMs, _options.LocalUtcOffsetMinutes);
    }

    // --- events ---

    public double Count(EventType type, int days) => Sum(FeatureKeys.EventType(type), days);

    public double Interactions(int days, string? category) =>
        category is null ? Sum(FeatureKeys.Interactions, days) : CategorySum(category, FeatureKeys.InteractionCategoryBase, days);

    public double ProductViews(string category, int days) => CategorySum(category, FeatureKeys.ViewCategoryBase, days);

    public double DistinctProducts(string category, int days) =>
        TopCategory(category) is { } c ? (c < 0 ? 0 : _profile.DistinctViewed(c, _today, days)) : double.NaN;

    public double ReviewViews(int days) => Sum(FeatureKeys.ReviewViews, days);

    public double ActiveDays(int days) => _profile.DaysWith(FeatureKeys.ActiveDay, _today, days);

    public double HourShare(int fromHour, int toHour, int days)
    {
        long inRange = 0, all = 0;
        var first = _today - days + 1;
        foreach (var entry in _profile.From(first))
        {
            if (entry.Day > _today || entry.Key < FeatureKeys.HourBase || entry.Key >= FeatureKeys.HourBase + 24) continue;
            all += entry.Count;
            if (InHours(entry.Key - FeatureKeys.HourBase, fromHour, toHour)) inRange += entry.Count;
        }
        return all == 0 ? 0 : inRange / (double)all;
    }

    public double HourDays(int fromHour, int toHour, int days)
    {
        var first = _today - days + 1;
        var n = 0;
        var lastDay = int.MinValue;
        foreach (var entry in _profile.From(first)) // sorted by (day, key): count each day once
        {
            if (entry.Day > _today || entry.Day == lastDay) continue;
            if (entry.Key < FeatureKeys.HourBase || entry.Key >= FeatureKeys.HourBase + 24) continue;
            if (!InHours(entry.Key - FeatureKeys.HourBase, fromHour, toHour)) continue;
            n++;
            lastDay = entry.Day;
        }
        return n;
    }

    private static bool InHours(int hour, int from, int to) => from < to ? hour >= from && hour < to : hour >= from || hour < to;

    // --- affinities ---

    public double Share(string category) => Ratio("cat:", category);

    public double ShareAgo(string category, int days)
    {
        // From the daily interaction counters: each day's interactions decayed to the day `days` ago.
        if (TopCategory(category) is not { } c) return double.NaN;
        var cutoff = _today - days;
        var halfLifeDays = _options.AffinityHalfLife.TotalDays;
        double mine = 0, all = 0;
        foreach (var entry in _profile.Windows)
        {
            if (entry.Day > cutoff) break; // sorted by day
            if (entry.Key < FeatureKeys.InteractionCategoryBase || entry.Key >= FeatureKeys.OrderCategoryBase) continue;
            var weight = entry.Count * Math.Pow(2, -(cutoff - entry.Day) / halfLifeDays);
            all += weight;
            if (entry.Key - FeatureKeys.InteractionCategoryBase == c) mine += weight;
        }
        return all > 0 ? mine / all : double.NaN; // absent when there was nothing to shift from
    }

    public double LabelShare(string label) => Ratio("label:", label);

    public double Affinity(string key) =>
        Key("", key) is { } k ? _profile.AffinityAt(k, _nowMinute, _options.HalfLifeMinutes) : 0;

    private double Ratio(string prefix, string name)
    {
        var total = _profile.InteractionScore;
        if (total <= 0 || Key(prefix, name) is not { } key) return 0;
        // Both scores share the profile's anchor: the decay factor cancels out.
        return _profile.AffinityAt(key, _profile.AnchorMinute, _options.HalfLifeMinutes) / total;
    }

    // --- comments ---

    public double IntentCount(string intent, int days, string? category)
    {
        var c = -1;
        if (category is not null)
        {
            if (TopCategory(category) is not { } top) return double.NaN;
            if (top < 0) return 0;
            c = top;
        }
        if (intent == "question")
        {
            double sum = 0;
            for (var i = 0; i < CommentIntents.QuestionCount; i++) sum += IntentSum((CommentIntent)i, c, days);
            return sum;
        }
        return CommentIntents.TryParse(intent, out var parsed) ? IntentSum(parsed, c, days) : 0;
    }

    private double IntentSum(CommentIntent intent, int category, int days) =>
        Sum(category < 0 ? FeatureKeys.Intent(intent) : FeatureKeys.Intent(category, intent), days);

    // --- presence ---

    public double DwellSeconds(int days, string? category)
    {
        if (category is null) return Sum(FeatureKeys.DwellSeconds, days);
        var (seconds, _) = SessionDwell(days, category);
        return seconds;
    }

    public double AverageDwellSeconds(int days, string? category)
    {
        var (seconds, sessions) = SessionDwell(days, category);
        return sessions == 0 ? 0 : seconds / sessions;
    }

    private (double Seconds, int Sessions) SessionDwell(int days, string? category)
    {
        var c = -1;
        if (category is not null)
        {
            if (TopCategory(category) is not { } top || top < 0) return (0, 0);
            c = top;
        }
        var first = _today - days + 1;
        double seconds = 0;
        var sessions = 0;
        foreach (var a in _profile.Attendance)
        {
            if (a.Day < first || a.Day > _today) continue;
            if (c >= 0 && !_world.Presents(a.Session, c)) continue;
            seconds += a.DwellSeconds;
            sessions++;
        }
        return (seconds, sessions);
    }

    public double SessionsAttended(int days, string? room)
    {
        var roomKey = -1;
        if (room is not null)
        {
            if (Key("room:", room) is not { } known) return 0;
            roomKey = known;
        }
        var first = _today - days + 1;
        var n = 0;
        foreach (var a in _profile.Attendance)
        {
            if (a.Day >= first && a.Day <= _today && (roomKey < 0 || a.Room == roomKey)) n++;
        }
        return n;
    }

    public double MaxRoomSessions(int days)
    {
        var first = _today - days + 1;
        Span<int> rooms = stackalloc int[Profile.MaxAttendance];
        Span<int> counts = stackalloc int[Profile.MaxAttendance];
        var distinct = 0;
        var best = 0;
        foreach (var a in _profile.Attendance)
        {
            if (a.Day < first || a.Day > _today) continue;
            var at = rooms[..distinct].IndexOf(a.Room);
            if (at < 0)
            {
                at = distinct++;
                rooms[at] = a.Room;
                counts[at] = 0;
            }
            best = Math.Max(best, ++counts[at]);
        }
        return best;
    }

    public double FollowedLastSessions(int lastSessions)
    {
        if (_profile.FollowedRooms is not { } followed) return 0;
        Span<int> sessions = stackalloc int[64];
        var best = 0;
        foreach (var room in followed)
        {
            var name = _world.Keys.Name(room)["room:".Length..];
            var n = _world.LastSessions(name, _nowMs, sessions[..Math.Min(lastSessions, sessions.Length)]);
            var attended = 0;
            foreach (var session in sessions[..n])
            {
                foreach (var a in _profile.Attendance)
                {
                    if (a.Session != session) continue;
                    attended++;
                    break;
                }
            }
            best = Math.Max(best, attended);
        }
        return best;
    }

    public bool Follows(string? room)
    {
        if (_profile.FollowedRooms is not { Length: > 0 } followed) return false;
        return room is null || (Key("room:", room) is { } key && Array.BinarySearch(followed, key) >= 0);
    }

    public double CouponSessions(int days)
    {
        var first = _today - days + 1;
        var n = 0;
        foreach (var a in _profile.Attendance)
        {
            if (a.Day >= first && a.Day <= _today && (a.Flags & AttendanceFlags.ClaimedCoupon) != 0) n++;
        }
        return n;
    }

    public double GiftValue(int days) => Sum(FeatureKeys.GiftCents, days) / 100;

    // --- orders ---

    public double Orders(int? days) => days is { } d ? Sum(FeatureKeys.EventType(EventType.ShopOrder), d) : _profile.Orders;

    public double Spend(int? days) => days is { } d ? Sum(FeatureKeys.SpendCents, d) / 100 : _profile.Spend;

    public double AverageOrderValue(int? days) => Divide(Spend(days), Orders(days));

    public double DiscountShare(int? days) =>
        Divide(days is { } d ? Sum(FeatureKeys.DiscountedOrders, d) : _profile.DiscountedOrders, Orders(days));

    public double ImpulseOrders(int days) => Sum(FeatureKeys.ImpulseOrders, days);

    public double PremiumOrderShare(int? days) =>
        Divide(days is { } d ? Sum(FeatureKeys.PremiumOrders, d) : _profile.PremiumOrders, Orders(days));

    public double RepeatCategories(int gapDays, int days)
    {
        var first = _today - days + 1;
        Span<int> categories = stackalloc int[32];
        Span<int> firstDay = stackalloc int[32];
        Span<int> lastDay = stackalloc int[32];
        Span<long> orders = stackalloc long[32];
        var n = 0;
        foreach (var entry in _profile.From(first)) // sorted by day: the first entry of a category is its first order day
        {
            if (entry.Day > _today) continue;
            if (entry.Key < FeatureKeys.OrderCategoryBase || entry.Key >= FeatureKeys.ViewCategoryBase) continue;
            var c = entry.Key - FeatureKeys.OrderCategoryBase;
            var at = categories[..n].IndexOf(c);
            if (at < 0)
            {
                if (n == categories.Length) continue;
                at = n++;
                categories[at] = c;
                firstDay[at] = entry.Day;
                orders[at] = 0;
            }
            lastDay[at] = entry.Day;
            orders[at] += entry.Count;
        }
        var repeated = 0;
        for (var i = 0; i < n; i++)
        {
            var pair = gapDays == 0 ? orders[i] >= 2 : lastDay[i] - firstDay[i] >= gapDays;
            if (pair) repeated++;
        }
        return repeated;
    }

    public double SpendPercentile(int days) => _spend.Rank(Sum(FeatureKeys.SpendCents, days) / 100, _today, days);

    // --- time ---

    public double DaysSinceLastActivity() =>
        _profile.LastSeenMinute == int.MinValue ? double.NaN : Math.Max(0, (_nowMinute - _profile.LastSeenMinute) / (double)MinutesPerDay);

    public double DaysSinceRegistered()
    {
        var since = _profile.RegisteredMinute != int.MinValue ? _profile.RegisteredMinute
            : _profile.FirstSeenMinute != int.MaxValue ? _profile.FirstSeenMinute : int.MinValue;
        return since == int.MinValue ? double.NaN : Math.Max(0, (_nowMinute - since) / (double)MinutesPerDay);
    }

    // --- attributes ---

    public string Attribute(string name) => name switch
    {
        "gender" => _profile.Gender switch { Gender.Female => "female", Gender.Male => "male", _ => "" },
        "province" => Declared(_profile.Province, "province:"),
        "city" => Declared(_profile.City, "city:"),
        _ => "",
    };

    private string Declared(int key, string prefix) => key < 0 ? "" : _world.Keys.Name(key)[prefix.Length..];

    public double Age()
    {
        if (_profile.BirthYear == 0) return double.NaN;
        var year = DateTimeOffset.FromUnixTimeMilliseconds(_nowMs).ToOffset(TimeSpan.FromMinutes(_options.LocalUtcOffsetMinutes)).Year;
        return year - _profile.BirthYear;
    }

    // --- models and tags ---

    public double ModelScore(string model) => Key("model:", model) is { } key ? _profile.ModelScoreOf(key) : double.NaN;

    public bool HasTag(string tagId) => TagKeys.TryGet(tagId, out var key) && _profile.HasTag(key);

    // --- helpers ---

    private double Sum(ushort key, int days)
    {
        var memo = (key << 8) | days; // days ≤ 180 by the catalogue's window bounds
        if (_sums.TryGetValue(memo, out var sum)) return sum;
        sum = _profile.Sum(key, _today, days);
        _sums[memo] = sum;
        return sum;
    }

    private double CategorySum(string category, ushort rangeBase, int days) =>
        TopCategory(category) is { } c ? (c < 0 ? 0 : Sum(FeatureKeys.Join(rangeBase, c), days)) : double.NaN;

    /// <summary>
    /// The id of a top-level category: -1 when no product of it is known yet (counts are 0), null
    /// for a sub-category path (windowed counters are kept per top-level category only: absent).
    /// </summary>
    private int? TopCategory(string category)
    {
        if (category.Contains('/', StringComparison.Ordinal)) return null;
        return _world.Categories.TryGet(category, out var id) && id <= FeatureKeys.MaxCategoryId ? id : -1;
    }

    /// <summary>The interned key of prefix + name, or null when the partition has never seen it.</summary>
    private int? Key(string prefix, string name)
    {
        // Names are the taxonomy's constants: cached by (prefix, name) so the hot path does not concatenate.
        if (_keyCache.TryGetValue((prefix, name), out var cached)) return cached;
        if (!_world.Keys.TryGet(string.Concat(prefix, name), out var key)) return null; // not cached: it may appear later
        if (_keyCache.Count > 4096) _keyCache.Clear();
        _keyCache[(prefix, name)] = key;
        return key;
    }

    private static double Divide(double a, double b) => b == 0 ? 0 : a / b;
}

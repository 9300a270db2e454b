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
    private readonly double[] _dayDecay; // 2^(−age/half-life) for whole days of age
    // Arguments are the compiled expressions' constants, the same string instances every time: caches
    // keyed by reference skip hashing the text on the hot path (bounded: cleared past 4,096 entries).
    private readonly Dictionary<(string Prefix, string Name), int> _keyCache = new(ReferencePairComparer.Instance);
    private readonly Dictionary<string, int> _categoryCache = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _tagCache = new(ReferenceEqualityComparer.Instance);
    // Window sums of the profile being evaluated: one pass per window serves every definition.
    private readonly WindowTotals _sums = new();
    // share_ago of every category for one window, from one pass (the default taxonomy asks for 8 categories, 7d).
    private double[] _sharesAgoByCategory = new double[16];
    private int _sharesAgoDays = -1;
    private double _sharesAgoAll;
    // share/label_share of the profile being evaluated: interest:X and potential:X read share(X) three times.
    private readonly int[] _ratioKeys = new int[32];
    private readonly double[] _ratioValues = new double[32];
    private int _ratioCount;
    private long _hourShareMemoKey = -1;
    private double _hourShareMemo;
    private Profile _profile = null!;
    private long _nowMs;
    private int _nowMinute;
    private int _today;

    public ProfileFeatureContext(World world, EngineOptions options, SpendRanks spend)
    {
        _world = world;
        _options = options;
        _spend = spend;
        _dayDecay = new double[Profile.RetainedDays + 1];
        for (var age = 0; age < _dayDecay.Length; age++) _dayDecay[age] = Math.Pow(2, -age / options.AffinityHalfLife.TotalDays);
    }

    public Profile Profile => _profile;
    public long NowMs => _nowMs;

    public void Reset(Profile profile, long nowMs)
    {
        _profile = profile;
        _nowMs = nowMs;
        _sums.Clear();
        _sharesAgoDays = -1;
        _ratioCount = 0;
        _hourShareMemoKey = -1;
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
        var memoKey = ((long)fromHour << 40) | ((long)toHour << 20) | (uint)days; // night_owl reads it in 'when' and 'weight'
        if (memoKey == _hourShareMemoKey) return _hourShareMemo;
        _hourShareMemoKey = memoKey;
        return _hourShareMemo = ComputeHourShare(fromHour, toHour, days);
    }

    private double ComputeHourShare(int fromHour, int toHour, int days)
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
        if (TopCategory(category) is not { } c) return double.NaN;
        if (_sharesAgoDays != days) ComputeSharesAgo(days);
        if (_sharesAgoAll <= 0) return double.NaN; // absent when there was nothing to shift from
        return c >= 0 && c < _sharesAgoByCategory.Length ? _sharesAgoByCategory[c] / _sharesAgoAll : 0;
    }

    /// <summary>
    /// Interactions per top-level category as they stood <paramref name="days"/> ago, each day's
    /// count decayed to then: one pass serves every category's <c>share_ago</c> of an evaluation.
    /// </summary>
    private void ComputeSharesAgo(int days)
    {
        var cutoff = _today - days;
        if (_sharesAgoByCategory.Length < _world.Categories.Count) _sharesAgoByCategory = new double[_world.Categories.Count * 2];
        var byCategory = _sharesAgoByCategory;
        Array.Clear(byCategory);
        double all = 0;
        var weightDay = int.MinValue;
        var weight = 0.0;
        foreach (var entry in _profile.Windows)
        {
            if (entry.Day > cutoff) break; // sorted by day
            if (entry.Key < FeatureKeys.InteractionCategoryBase || entry.Key >= FeatureKeys.OrderCategoryBase) continue;
            if (entry.Day != weightDay)
            {
                weightDay = entry.Day;
                var age = cutoff - entry.Day;
                weight = age < _dayDecay.Length ? _dayDecay[age] : Math.Pow(2, -age / _options.AffinityHalfLife.TotalDays);
            }
            var category = entry.Key - FeatureKeys.InteractionCategoryBase;
            all += entry.Count * weight;
            if (category < byCategory.Length) byCategory[category] += entry.Count * weight;
        }
        _sharesAgoAll = all;
        _sharesAgoDays = days;
    }

    public double LabelShare(string label) => Ratio("label:", label);

    public double Affinity(string key) =>
        Key("", key) is { } k ? _profile.AffinityAt(k, _nowMinute, _options.HalfLifeMinutes) : 0;

    private double Ratio(string prefix, string name)
    {
        var total = _profile.InteractionScore;
        if (total <= 0 || Key(prefix, name) is not { } key) return 0;
        for (var i = 0; i < _ratioCount; i++)
        {
            if (_ratioKeys[i] == key) return _ratioValues[i];
        }
        // Both scores share the profile's anchor: the decay factor cancels out.
        var ratio = _profile.AffinityAt(key, _profile.AnchorMinute, _options.HalfLifeMinutes) / total;
        if (_ratioCount < _ratioKeys.Length)
        {
            _ratioKeys[_ratioCount] = key;
            _ratioValues[_ratioCount++] = ratio;
        }
        return ratio;
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

    public bool HasTag(string tagId)
    {
        if (!_tagCache.TryGetValue(tagId, out var key))
        {
            if (!TagKeys.TryGet(tagId, out key)) return false;
            Bound(_tagCache)[tagId] = key;
        }
        return _profile.HasTag(key);
    }

    // --- helpers ---

    private double Sum(ushort key, int days) => _sums.Sum(_profile, key, _today, days);

    private double CategorySum(string category, ushort rangeBase, int days) =>
        TopCategory(category) is { } c ? (c < 0 ? 0 : Sum(FeatureKeys.Join(rangeBase, c), days)) : double.NaN;

    /// <summary>
    /// The id of a top-level category: -1 when no product of it is known yet (counts are 0), null
    /// for a sub-category path (windowed counters are kept per top-level category only: absent).
    /// </summary>
    private int? TopCategory(string category)
    {
        const int SubCategory = -2;
        if (_categoryCache.TryGetValue(category, out var cached)) return cached == SubCategory ? null : cached;
        if (category.Contains('/', StringComparison.Ordinal))
        {
            Bound(_categoryCache)[category] = SubCategory;
            return null;
        }
        if (!_world.Categories.TryGet(category, out var id) || id > FeatureKeys.MaxCategoryId) return -1; // not cached: it may appear later
        Bound(_categoryCache)[category] = id;
        return id;
    }

    /// <summary>The interned key of prefix + name, or null when the partition has never seen it.</summary>
    private int? Key(string prefix, string name)
    {
        // Names are the taxonomy's constants: cached by (prefix, name) so the hot path does not concatenate.
        if (_keyCache.TryGetValue((prefix, name), out var cached)) return cached;
        if (!_world.Keys.TryGet(string.Concat(prefix, name), out var key)) return null; // not cached: it may appear later
        Bound(_keyCache)[(prefix, name)] = key;
        return key;
    }

    private static Dictionary<TKey, int> Bound<TKey>(Dictionary<TKey, int> cache) where TKey : notnull
    {
        if (cache.Count >= 4096) cache.Clear();
        return cache;
    }

    private sealed class ReferencePairComparer : IEqualityComparer<(string, string)>
    {
        public static readonly ReferencePairComparer Instance = new();

        public bool Equals((string, string) x, (string, string) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((string, string) pair) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item2));
    }

    private static double Divide(double a, double b) => b == 0 ? 0 : a / b;
}

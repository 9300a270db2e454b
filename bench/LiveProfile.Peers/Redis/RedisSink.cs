using System.Globalization;
using LiveProfile.Engine.Features;
using LiveProfile.Peers.Features;
using StackExchange.Redis;

namespace LiveProfile.Peers.Redis;

/// <summary>
/// The engine's updates as the usual Flink-plus-Redis job writes them: one command per update,
/// fire-and-forget on one multiplexed connection (pipelined; the caller bounds what is in flight).
/// Keys per user u (hex of the canonical id):
/// <list type="bullet">
/// <item><c>p:u</c> hash: first/last seen, orders, spend, last order, premium/discounted orders, refunds.</item>
/// <item><c>a:u</c> hash: decayed affinity per key name (<c>cat:…</c> every level, <c>brand:…</c>, <c>price:…</c>,
/// <c>label:…</c>) and <c>_score</c>, with HINCRBYFLOAT of w·2^((t−t0)/h) at one global anchor t0
/// (forward decay: Redis cannot rescale a hash, so no per-user anchor).</item>
/// <item><c>w:u:day</c> hash: the day's window counters, field = the engine's <see cref="FeatureKeys"/>
/// number, HINCRBY; a TTL of 182 days set once per user-day (retention, as the engine prunes).</item>
/// <item><c>s:u</c> hash: attended sessions (HSETNX session day), flags and dwell per session.</item>
/// <item><c>v:u</c> sorted set: viewed products by day, trimmed to the newest 32 every 32 views.</item>
/// </list>
/// Single-threaded: the job's one mapping thread calls it.
/// </summary>
internal sealed class RedisSink(IDatabaseAsync db, PeerWorld world, double halfLifeMinutes, int anchorMinute) : IFeatureSink
{
    private const CommandFlags Fire = CommandFlags.FireAndForget;
    private static readonly RedisValue First = "first", Last = "last", Orders = "orders", Spend = "spend", LastOrder = "last_order",
        Premium = "premium_orders", Discounted = "discounted_orders", Refunds = "refunds", Score = "_score";
    private readonly RedisValue[] _windowFields = new RedisValue[ushort.MaxValue + 1];
    private readonly Dictionary<int, RedisValue> _affinityFields = [];
    private readonly Dictionary<int, RedisValue> _sessionFields = [];
    private UserState _user = null!;
    private string _hex = "";
    private RedisKey? _p, _a, _s, _v, _w;
    private int _wDay;
    private bool _newUser;

    /// <summary>Commands issued so far.</summary>
    public long Commands { get; private set; }

    /// <summary>The job's event-time clock (local day), for TTLs.</summary>
    public int Today { get; set; }

    public void Bind(ulong profile, UserState user, bool newUser)
    {
        _user = user;
        _newUser = newUser;
        _hex = profile.ToString("x16", CultureInfo.InvariantCulture);
        _p = _a = _s = _v = _w = null;
    }

    private RedisKey P => _p ??= "p:" + _hex;
    private RedisKey A => _a ??= "a:" + _hex;
    private RedisKey S => _s ??= "s:" + _hex;
    private RedisKey V => _v ??= "v:" + _hex;

    private RedisKey W(int day)
    {
        if (_w is null || _wDay != day)
        {
            _w = $"w:{_hex}:{day}";
            _wDay = day;
        }
        return _w.Value;
    }

    public void Touch(int minute)
    {
        if (_newUser) Issue(db.HashSetAsync(P, First, minute, flags: Fire));
        Issue(db.HashSetAsync(P, Last, minute, flags: Fire));
    }

    public void Count(int day, ushort key, uint amount)
    {
        if (amount == 0) return;
        ref var field = ref _windowFields[key];
        if (field.IsNull) field = key.ToString(CultureInfo.InvariantCulture);
        Issue(db.HashIncrementAsync(W(day), field, amount, Fire));
    }

    public void CountActiveDay(int day)
    {
        // The job remembers the user's current day, so the mark and the TTL go once per user-day.
        if (_user.LastDay == day) return;
        _user.LastDay = day;
        Count(day, FeatureKeys.ActiveDay, 1);
        Issue(db.KeyExpireAsync(W(day), TimeSpan.FromDays(Profile.RetainedDays + 1 + day - Today), Fire));
    }

    public void Attend(int session, int room, int day) => Issue(db.HashSetAsync(S, SessionField(session), day, When.NotExists, Fire));

    public void Flag(int session, int room, int day, AttendanceFlags flag) =>
        Issue(db.HashSetAsync(S, $"{SessionField(session)}:{(byte)flag}", 1, flags: Fire));

    public void Dwell(int session, int day, int seconds)
    {
        Count(day, FeatureKeys.DwellSeconds, (uint)seconds);
        Issue(db.HashIncrementAsync(S, $"{SessionField(session)}:dwell", seconds, Fire));
    }

    public void Interact(ProductInfo product, int minute)
    {
        var weight = Math.Pow(2, (minute - anchorMinute) / halfLifeMinutes);
        foreach (var key in product.AffinityKeys) Issue(db.HashIncrementAsync(A, AffinityField(key), weight, Fire));
        Issue(db.HashIncrementAsync(A, Score, weight, Fire));
    }

    public void RecordView(ProductInfo product, int day) => RecordProduct(AffinityField(product.ProductKey), day);

    public void RecordBought(ProductInfo product, int day) => RecordProduct("b" + AffinityField(product.ProductKey), day);

    private void RecordProduct(RedisValue member, int day)
    {
        Issue(db.SortedSetAddAsync(V, member, day, Fire));
        if (++_user.ViewsSinceTrim < Profile.MaxViewedProducts) return;
        _user.ViewsSinceTrim = 0;
        Issue(db.SortedSetRemoveRangeByRankAsync(V, 0, -Profile.MaxViewedProducts - 1, Fire));
    }

    public void Order(double total, int minute, int day, bool premium, bool discounted)
    {
        Issue(db.HashIncrementAsync(P, Orders, 1, Fire));
        Issue(db.HashIncrementAsync("b:" + _hex, day, total, Fire)); // spend per purchase day
        Issue(db.HashIncrementAsync(P, Spend, total, Fire));
        Issue(db.HashSetAsync(P, LastOrder, minute, flags: Fire));
        if (premium) Issue(db.HashIncrementAsync(P, Premium, 1, Fire));
        if (discounted) Issue(db.HashIncrementAsync(P, Discounted, 1, Fire));
    }

    public void Refund(double amount) => Issue(db.HashIncrementAsync(P, Refunds, amount, Fire));

    public void Follow(int room) => Issue(db.SetAddAsync("f:" + _hex, world.Name(room), Fire));

    private RedisValue AffinityField(int key)
    {
        if (!_affinityFields.TryGetValue(key, out var field)) _affinityFields[key] = field = world.World.Keys.Name(key);
        return field;
    }

    private RedisValue SessionField(int session)
    {
        if (!_sessionFields.TryGetValue(session, out var field)) _sessionFields[session] = field = world.Name(session);
        return field;
    }

    private void Issue(Task _) => Commands++;
}

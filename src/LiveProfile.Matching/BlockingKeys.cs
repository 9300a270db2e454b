using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace LiveProfile.Matching;

/// <summary>
/// The blocks a record falls in: only records sharing a block are compared. Keys are chosen so that a true match
/// shares at least one even when some fields are missing or mistyped: phone, each device, the nickname's core, its
/// pinyin (homophone typos), both with the city, the first two syllables with the city (a character dropped or added),
/// each address token with the city, and each product touched with its hour (and the next: two touches within the hour
/// of each other share one), so that a viewer who clicked what the account then viewed is found whatever the names.
/// Keys are 64-bit hashes of their text.
/// </summary>
internal static class BlockingKeys
{
    /// <summary>The record's keys, each with the rule it belongs to.</summary>
    public static void Of(PreparedRecord record, List<(ulong Key, BlockingRule Rule)> keys)
    {
        keys.Clear();
        var r = record.Record;
        if (r.PhoneHash is { } phone) keys.Add((Hash("p", phone), BlockingRule.Phone));
        if (record.Devices is { } devices) foreach (var device in devices) keys.Add((Hash("d", device), BlockingRule.Device));
        if (record.NicknameCore is { } core)
        {
            keys.Add((Hash("n", core), BlockingRule.Nickname));
            keys.Add((Hash("y", record.NicknamePinyin!), BlockingRule.Nickname));
            if (r.City is { } at)
            {
                keys.Add((Hash("nc", core, at), BlockingRule.NicknameInCity));
                keys.Add((Hash("yc", record.NicknamePinyin!, at), BlockingRule.NicknameInCity));
                if (record.Syllables.Length >= 2) keys.Add((Hash("y2c", record.Syllables[0] + record.Syllables[1], at), BlockingRule.NicknameInCity));
            }
        }
        if (record.AddressTokens is { } tokens && r.City is { } where)
        {
            foreach (var token in tokens) keys.Add((Hash("a", token, where), BlockingRule.AddressInCity));
        }
        if (r.Touches is { } touches)
        {
            foreach (var touch in touches)
            {
                var hour = touch.Minute / MatchLevels.CoClickMinutes;
                keys.Add((Hash("t", touch.Product, hour.ToString(System.Globalization.CultureInfo.InvariantCulture)), BlockingRule.CoTouch));
                keys.Add((Hash("t", touch.Product, (hour + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), BlockingRule.CoTouch));
            }
        }
    }

    /// <summary>
    /// The fields a rule's pairs agree on because the rule found them, match or not (bits by <see cref="MatchField"/>);
    /// a city-scoped rule also makes the province agree.
    /// </summary>
    public static int FieldsOf(BlockingRule rule)
    {
        const int nickname = 1 << (int)MatchField.Nickname, region = 1 << (int)MatchField.City | 1 << (int)MatchField.Province;
        var fields = 0;
        if (rule.HasFlag(BlockingRule.Phone)) fields |= 1 << (int)MatchField.Phone;
        if (rule.HasFlag(BlockingRule.Device)) fields |= 1 << (int)MatchField.Device;
        if (rule.HasFlag(BlockingRule.Nickname)) fields |= nickname;
        if (rule.HasFlag(BlockingRule.NicknameInCity)) fields |= nickname | region;
        if (rule.HasFlag(BlockingRule.AddressInCity)) fields |= 1 << (int)MatchField.Address | region;
        if (rule.HasFlag(BlockingRule.CoTouch)) fields |= 1 << (int)MatchField.CoClicks;
        return fields;
    }

    private static ulong Hash(string kind, string value, string? scope = null)
    {
        var text = scope is null ? $"{kind}\u001f{value}" : $"{kind}\u001f{value}\u001f{scope}";
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = Encoding.UTF8.GetBytes(text, bytes);
        return XxHash64.HashToUInt64(bytes[..length]);
    }
}

/// <summary>The ways a pair of records is found, as bits (a pair may be found several ways).</summary>
[Flags]
internal enum BlockingRule
{
    Phone = 1,
    Device = 2,
    Nickname = 4,
    NicknameInCity = 8,
    AddressInCity = 16,
    CoTouch = 32,
}

/// <summary>
/// Which accounts fall in each block: (key, account) pairs sorted by key, so a block is a range found by binary search
/// (12 bytes per pair, about 10 pairs per account); accounts added or replaced later go to a small dictionary beside it.
/// </summary>
internal sealed class BlockingIndex
{
    private readonly ulong[] _keys;
    private readonly int[] _accounts;
    private readonly Dictionary<ulong, HashSet<int>> _added = [];

    public BlockingIndex(IReadOnlyList<PreparedRecord> accounts)
    {
        var pairs = new List<(ulong Key, int Account)>(accounts.Count * 10);
        var keys = new List<(ulong Key, BlockingRule Rule)>();
        for (var i = 0; i < accounts.Count; i++)
        {
            BlockingKeys.Of(accounts[i], keys);
            foreach (var key in keys.Select(k => k.Key).Distinct()) pairs.Add((key, i));
        }
        CollectionsMarshal.AsSpan(pairs).Sort();
        _keys = [.. pairs.Select(p => p.Key)];
        _accounts = [.. pairs.Select(p => p.Account)];
    }

    public void Add(PreparedRecord account, int index)
    {
        var keys = new List<(ulong Key, BlockingRule Rule)>();
        BlockingKeys.Of(account, keys);
        foreach (var key in keys.Select(k => k.Key).Distinct())
        {
            if (!_added.TryGetValue(key, out var set)) _added[key] = set = [];
            set.Add(index); // a set: an account indexed again (Matcher.Upsert) is in its blocks once
        }
    }

    /// <summary>
    /// Adds the accounts of the block to <paramref name="into"/>, or-ing <paramref name="rule"/> into how each was found;
    /// false (nothing added) when the block is larger than <paramref name="maxBlock"/>.
    /// </summary>
    public bool Collect(ulong key, BlockingRule rule, int maxBlock, Dictionary<int, BlockingRule> into)
    {
        var start = LowerBound(key);
        var end = key == ulong.MaxValue ? _keys.Length : LowerBound(key + 1);
        var added = _added.GetValueOrDefault(key);
        if (end - start + (added?.Count ?? 0) > maxBlock) return false;
        for (var i = start; i < end; i++) Found(into, _accounts[i], rule);
        if (added is not null) foreach (var account in added) Found(into, account, rule);
        return true;
    }

    private static void Found(Dictionary<int, BlockingRule> into, int account, BlockingRule rule) =>
        into[account] = into.GetValueOrDefault(account) | rule;

    private int LowerBound(ulong key)
    {
        int lo = 0, hi = _keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_keys[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}

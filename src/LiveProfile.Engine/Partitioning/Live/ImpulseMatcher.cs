namespace LiveProfile.Engine.Partitioning.Live;

/// <summary>
/// Impulse orders: an order within the impulse window after a live click on one of its products. Matched in both
/// arrival orders: an order looks back for clicks, and a late click looks forward for orders that arrived before it.
/// Clicks and orders are remembered for the window plus the allowed lateness; each order is impulsive at most once.
/// </summary>
internal sealed class ImpulseMatcher(long windowMs, long latenessMs)
{
    private readonly RecentTimes _clicks = new(windowMs + latenessMs);
    private readonly RecentTimes _orders = new(windowMs + latenessMs);
    private readonly HashSet<(ulong Profile, long OrderMs)> _impulsive = [];
    private readonly ExpiryQueue<(ulong Profile, long OrderMs)> _impulsiveDue = new();
    private readonly List<((ulong Profile, long OrderMs) Order, long DueMs)> _expired = [];

    /// <summary>Whether a remembered click on <paramref name="product"/> makes an order at <paramref name="orderMs"/> impulsive.</summary>
    public bool WasClicked(ulong profile, int product, long orderMs) => _clicks.Any(profile, product, orderMs - windowMs, orderMs);

    /// <summary>Remembers an order's products for clicks that arrive after it, and whether it is impulsive already.</summary>
    public void Ordered(ulong profile, ReadOnlySpan<int> products, long orderMs, bool impulsive)
    {
        foreach (var product in products) _orders.Remember(profile, product, orderMs);
        if (impulsive) MarkImpulsive(profile, orderMs);
    }

    private bool MarkImpulsive(ulong profile, long orderMs)
    {
        if (!_impulsive.Add((profile, orderMs))) return false;
        _impulsiveDue.Schedule((profile, orderMs), orderMs);
        return true;
    }

    /// <summary>
    /// Remembers a live click; returns the time of an order that arrived before it and that it makes impulsive (not
    /// impulsive until now), or null.
    /// </summary>
    public long? Clicked(ulong profile, int product, long clickMs)
    {
        _clicks.Remember(profile, product, clickMs);
        Span<long> orders = stackalloc long[RecentTimes.Kept];
        var found = _orders.CopyBetween(profile, product, clickMs, clickMs + windowMs, orders);
        foreach (var orderMs in orders[..found])
        {
            if (MarkImpulsive(profile, orderMs)) return orderMs;
        }
        return null;
    }

    public void Sweep(long watermarkMs)
    {
        if (watermarkMs == long.MinValue) return;
        _clicks.Sweep(watermarkMs);
        _orders.Sweep(watermarkMs);
        _impulsiveDue.TakeDue(watermarkMs - windowMs - latenessMs, _expired);
        foreach (var (order, _) in _expired) _impulsive.Remove(order);
        _expired.Clear();
    }

    public void Remove(ulong profile)
    {
        _clicks.Remove(profile);
        _orders.Remove(profile);
        _impulsive.RemoveWhere(o => o.Profile == profile);
    }

    /// <summary>What is held for <paramref name="profile"/>, to move it with the profile when identities merge.</summary>
    public (List<(int Product, long TsMs)> Clicks, List<(int Product, long TsMs)> Orders, List<long> Impulsive) Of(ulong profile) =>
        (_clicks.Of(profile), _orders.Of(profile), [.. _impulsive.Where(o => o.Profile == profile).Select(o => o.OrderMs)]);

    /// <summary>Adds what <see cref="Of"/> returned for another profile to <paramref name="profile"/>.</summary>
    public void Add(ulong profile, IEnumerable<(int Product, long TsMs)> clicks, IEnumerable<(int Product, long TsMs)> orders, IEnumerable<long> impulsive)
    {
        foreach (var (product, ts) in clicks) _clicks.Remember(profile, product, ts);
        foreach (var (product, ts) in orders) _orders.Remember(profile, product, ts);
        foreach (var ts in impulsive) MarkImpulsive(profile, ts);
    }

    public void Save(BinaryWriter w)
    {
        _clicks.Save(w);
        _orders.Save(w);
        w.Write(_impulsive.Count);
        foreach (var (profile, orderMs) in _impulsive)
        {
            w.Write(profile);
            w.Write(orderMs);
        }
    }

    public void Load(BinaryReader r)
    {
        _clicks.Load(r);
        _orders.Load(r);
        for (var n = r.ReadInt32(); n > 0; n--) MarkImpulsive(r.ReadUInt64(), r.ReadInt64());
    }

    /// <summary>Checkpoint format 2 kept the last click per profile and product, and no orders.</summary>
    public void LoadClicks(BinaryReader r) => _clicks.LoadSingles(r);
}

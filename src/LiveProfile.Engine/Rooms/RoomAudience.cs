namespace LiveProfile.Engine.Rooms;

/// <summary>
/// Who is in one live room right now, as one partition sees it, and how many of them carry each tag. Kept by
/// incremental counters: a viewer entering adds its tags, leaving (a leave, a heartbeat time-out, a merge) subtracts
/// them, and a tag gained or lost by a viewer in the room moves its counter by one; nothing ever scans the viewers.
/// A room's composition is the sum over partitions. Single writer, like its partition.
/// </summary>
public sealed class RoomAudience
{
    private readonly Dictionary<int, bool> _viewers = []; // ordinal → new to this room
    private readonly Dictionary<int, int> _tagCounts = [];

    public int Viewers => _viewers.Count;

    /// <summary>Viewers present whose first session of this room this is.</summary>
    public int NewViewers { get; private set; }

    /// <summary>Present viewers carrying the tag with this key.</summary>
    public int CountOf(int tagKey) => _tagCounts.GetValueOrDefault(tagKey);

    /// <summary>Tags carried by at least one present viewer, with how many carry each.</summary>
    public IEnumerable<KeyValuePair<int, int>> TagCounts => _tagCounts;

    /// <summary>A viewer comes in carrying <paramref name="tags"/>; false when already present (nothing changes).</summary>
    public bool Enter(int ordinal, ReadOnlySpan<int> tags, bool isNew)
    {
        if (!_viewers.TryAdd(ordinal, isNew)) return false;
        if (isNew) NewViewers++;
        foreach (var tag in tags) Add(tag, 1);
        return true;
    }

    /// <summary>A viewer goes, carrying <paramref name="tags"/> (its tags now); false when it was not present.</summary>
    public bool Leave(int ordinal, ReadOnlySpan<int> tags)
    {
        if (!_viewers.Remove(ordinal, out var isNew)) return false;
        if (isNew) NewViewers--;
        foreach (var tag in tags) Add(tag, -1);
        return true;
    }

    /// <summary>A viewer gained a tag; counted when it is present.</summary>
    public void TagAdded(int ordinal, int tagKey)
    {
        if (_viewers.ContainsKey(ordinal)) Add(tagKey, 1);
    }

    /// <summary>A viewer lost a tag; counted when it is present.</summary>
    public void TagRemoved(int ordinal, int tagKey)
    {
        if (_viewers.ContainsKey(ordinal)) Add(tagKey, -1);
    }

    private void Add(int tagKey, int delta)
    {
        var count = _tagCounts.GetValueOrDefault(tagKey) + delta;
        if (count < 0) throw new InvalidOperationException($"tag {tagKey}: a viewer left with a tag it was never counted with");
        if (count == 0) _tagCounts.Remove(tagKey);
        else _tagCounts[tagKey] = count;
    }
}

namespace LiveProfile.Engine.Rooms;

/// <summary>
/// How many viewers one live room has right now, as one partition sees it, and how many of them carry each tag (and
/// each family). Counters only, kept incrementally: a viewer entering adds its tags, leaving (a leave, a heartbeat
/// time-out, a merge) subtracts them, and a tag gained or lost by a viewer in the room moves its counter by one;
/// nothing ever scans the viewers. Who is in which room is the partition's to know (each viewer is in one room at a
/// time); a room's composition is the sum over partitions. Single writer, like its partition.
/// </summary>
public sealed class RoomAudience
{
    // Counters by key: tag keys are small dense numbers (TagKeys), families negative (~index); arrays, not maps, so
    // that a viewer's coming and going costs a few increments.
    private int[] _tags = [];
    private int[] _families = [];
    private Int128 _enteredMsSum; // Σ of the present viewers' entering times

    /// <summary>The present viewers' ordinals (for what every viewer in the room sees at once: a product going on screen).</summary>
    public OrdinalSet Members { get; } = new();

    public int Viewers { get; private set; }

    /// <summary>Viewers present whose first session of this room this is.</summary>
    public int NewViewers { get; private set; }

    /// <summary>Present viewers counted under <paramref name="counter"/> (a tag key, or a family's).</summary>
    public int CountOf(int counter) => counter >= 0
        ? counter < _tags.Length ? _tags[counter] : 0
        : ~counter < _families.Length ? _families[~counter] : 0;

    /// <summary>Counters (tags, and families as negative keys) of at least one present viewer, with how many viewers each counts.</summary>
    public IEnumerable<KeyValuePair<int, int>> Counters
    {
        get
        {
            for (var i = 0; i < _tags.Length; i++) if (_tags[i] > 0) yield return new(i, _tags[i]);
            for (var i = 0; i < _families.Length; i++) if (_families[i] > 0) yield return new(~i, _families[i]);
        }
    }

    /// <summary>A viewer comes in, counted under <paramref name="counters"/> (its tags and families).</summary>
    /// <summary>Present viewers' total time in the room at <paramref name="nowMs"/> (from when each came in), in seconds.</summary>
    public long DwellSecondsAt(long nowMs) => Viewers == 0 ? 0 : (long)((nowMs * (Int128)Viewers - _enteredMsSum) / 1000);

    /// <param name="enteredMs">When the viewer came in (event time), for the present viewers' dwell.</param>
    public void Enter(int ordinal, ReadOnlySpan<int> counters, bool isNew, long enteredMs = 0)
    {
        if (!Members.Add(ordinal)) throw new InvalidOperationException($"viewer {ordinal} entered a room it is in");
        Viewers++;
        _enteredMsSum += enteredMs;
        if (isNew) NewViewers++;
        foreach (var counter in counters) Add(counter, 1);
    }

    /// <summary>A viewer goes, counted under <paramref name="counters"/> as it is now; <paramref name="wasNew"/> as it entered.</summary>
    public void Leave(int ordinal, ReadOnlySpan<int> counters, bool wasNew, long enteredMs = 0)
    {
        if (!Members.Remove(ordinal)) throw new InvalidOperationException($"viewer {ordinal} left a room it was not in");
        Viewers--;
        _enteredMsSum -= enteredMs;
        if (wasNew) NewViewers--;
        foreach (var counter in counters) Add(counter, -1);
    }

    /// <summary>A present viewer gained (+1) or lost (-1) what a counter counts.</summary>
    public void Move(int counter, int delta) => Add(counter, delta);

    private void Add(int counter, int delta)
    {
        ref var count = ref counter >= 0 ? ref Slot(ref _tags, counter) : ref Slot(ref _families, ~counter);
        if (count + delta < 0) throw new InvalidOperationException($"counter {counter}: a viewer left with something it was never counted with");
        count += delta;
    }

    private static ref int Slot(ref int[] counters, int index)
    {
        if (index >= counters.Length) Array.Resize(ref counters, Math.Max(index + 1, counters.Length * 2));
        return ref counters[index];
    }
}

using LiveProfile.Engine.Memory;
namespace LiveProfile.Engine.Features;

/// <summary>
/// Decayed affinities in event time: each score is Σ w·2^(−(A−t)/h) at the anchor minute A.
/// Contributions newer than A are scaled up (2^((t−A)/h)) and the anchor moves only when that
/// factor would grow past one half-life, so the math does not depend on arrival order (up to
/// floating-point rounding) and rarely rescales.
/// </summary>
public sealed partial class Profile
{
    private int _affinityHandle = SlabBlocks.None;
    private int _affinityCount;
    private byte _affinityClass;

    /// <summary>Decay anchor, minutes since the compact epoch.</summary>
    public int AnchorMinute { get; private set; } = int.MinValue;

    /// <summary>Decayed total of product interactions at the anchor (the denominator of shares).</summary>
    public double InteractionScore { get; private set; }

    public ReadOnlySpan<AffinityEntry> Affinities => _slabs.Affinities.Span(_affinityHandle, _affinityCount);

    private Span<AffinityEntry> MutableAffinities => _slabs.Affinities.Span(_affinityHandle, _affinityCount);

    /// <summary>Adds one interaction of weight <paramref name="weight"/> at <paramref name="minute"/> to every key.</summary>
    internal void AddInteraction(ReadOnlySpan<int> keys, double weight, int minute, double halfLifeMinutes)
    {
        var factor = DecayFactor(minute, halfLifeMinutes);
        var contribution = weight * factor;
        InteractionScore += contribution;
        foreach (var key in keys) AddAffinity(key, contribution);
    }

    /// <summary>Score of <paramref name="key"/> decayed to <paramref name="minute"/>.</summary>
    public double AffinityAt(int key, int minute, double halfLifeMinutes)
    {
        var span = Affinities;
        var index = IndexOf(span, key);
        return index >= 0 ? span[index].Value * Scale(minute, halfLifeMinutes) : 0;
    }

    public double InteractionScoreAt(int minute, double halfLifeMinutes) => InteractionScore * Scale(minute, halfLifeMinutes);

    /// <summary>The factor that takes anchor-time scores to <paramref name="minute"/>.</summary>
    public double Scale(int minute, double halfLifeMinutes) =>
        AnchorMinute == int.MinValue ? 0 : Math.Pow(2, -(minute - (double)AnchorMinute) / halfLifeMinutes);

    private double DecayFactor(int minute, double halfLifeMinutes)
    {
        if (AnchorMinute == int.MinValue)
        {
            AnchorMinute = minute;
            return 1;
        }
        if (minute - AnchorMinute > halfLifeMinutes) Rebase(minute, halfLifeMinutes);
        return Math.Pow(2, (minute - (double)AnchorMinute) / halfLifeMinutes);
    }

    private void Rebase(int minute, double halfLifeMinutes)
    {
        var scale = Math.Pow(2, -(minute - (double)AnchorMinute) / halfLifeMinutes);
        InteractionScore *= scale;
        var span = MutableAffinities;
        for (var i = 0; i < span.Length; i++) span[i].Value *= scale;
        AnchorMinute = minute;
    }

    private void AddAffinity(int key, double contribution)
    {
        // Sorted by key: heavy users hold hundreds of keys, and every interaction touches several.
        var index = IndexOf(MutableAffinities, key);
        if (index >= 0)
        {
            MutableAffinities[index].Value += contribution;
            return;
        }
        index = ~index;
        EnsureRoom(_slabs.Affinities, ref _affinityHandle, ref _affinityClass, _affinityCount, initialClass: 3);
        var span = _slabs.Affinities.Span(_affinityHandle, ++_affinityCount);
        span[index..^1].CopyTo(span[(index + 1)..]);
        span[index] = new AffinityEntry(key, contribution);
    }

    private static int IndexOf(ReadOnlySpan<AffinityEntry> span, int key)
    {
        int lo = 0, hi = span.Length - 1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var k = span[mid].Key;
            if (k == key) return mid;
            if (k < key) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>Merges another profile's affinities (identity merge), aligning the two anchors.</summary>
    private void MergeAffinities(Profile other, double halfLifeMinutes)
    {
        if (other.AnchorMinute == int.MinValue) return;
        if (AnchorMinute == int.MinValue) AnchorMinute = other.AnchorMinute;
        if (other.AnchorMinute - AnchorMinute > halfLifeMinutes) Rebase(other.AnchorMinute, halfLifeMinutes);
        var toMine = Math.Pow(2, (other.AnchorMinute - (double)AnchorMinute) / halfLifeMinutes);
        InteractionScore += other.InteractionScore * toMine;
        foreach (var entry in other.Affinities) AddAffinity(entry.Key, entry.Value * toMine);
    }

    internal void RestoreAffinities(int anchor, double score, AffinityEntry[] entries)
    {
        AnchorMinute = anchor;
        InteractionScore = score;
        Array.Sort(entries, (a, b) => a.Key.CompareTo(b.Key)); // keys are re-interned when a profile moves
        _affinityHandle = Store(_slabs.Affinities, entries, out _affinityClass);
        _affinityCount = entries.Length;
    }
}

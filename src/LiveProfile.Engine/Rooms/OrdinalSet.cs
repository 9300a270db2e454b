using System.Numerics;
using Roaring.Net.CRoaring;

namespace LiveProfile.Engine.Rooms;

/// <summary>
/// A set of profile ordinals as a plain bitset: adding and removing are a bit flip in managed memory, which matters on
/// the path of every join and leave (a Roaring bitmap costs a native call each). Grows to the largest ordinal added.
/// </summary>
public sealed class OrdinalSet
{
    private ulong[] _words = [];

    public int Count { get; private set; }

    /// <summary>Adds the ordinal; false when it was in the set already.</summary>
    public bool Add(int ordinal)
    {
        var word = ordinal >> 6;
        if (word >= _words.Length) Array.Resize(ref _words, Math.Max(word + 1, _words.Length * 2));
        var bit = 1UL << ordinal;
        if ((_words[word] & bit) != 0) return false;
        _words[word] |= bit;
        Count++;
        return true;
    }

    /// <summary>Removes the ordinal; false when it was not in the set.</summary>
    public bool Remove(int ordinal)
    {
        var word = ordinal >> 6;
        var bit = 1UL << ordinal;
        if (word >= _words.Length || (_words[word] & bit) == 0) return false;
        _words[word] &= ~bit;
        Count--;
        return true;
    }

    /// <summary>Adds every ordinal of <paramref name="other"/>.</summary>
    public void UnionWith(OrdinalSet other)
    {
        if (other._words.Length > _words.Length) Array.Resize(ref _words, other._words.Length);
        var count = 0;
        for (var w = 0; w < _words.Length; w++)
        {
            if (w < other._words.Length) _words[w] |= other._words[w];
            count += BitOperations.PopCount(_words[w]);
        }
        Count = count;
    }

    public bool Contains(int ordinal) => (ordinal >> 6) < _words.Length && (_words[ordinal >> 6] & (1UL << ordinal)) != 0;

    /// <summary>The ordinals in ascending order.</summary>
    public IEnumerable<uint> Values
    {
        get
        {
            for (var w = 0; w < _words.Length; w++)
            {
                for (var rest = _words[w]; rest != 0; rest &= rest - 1) yield return (uint)(w * 64 + BitOperations.TrailingZeroCount(rest));
            }
        }
    }

    /// <summary>The set as a Roaring bitmap (the caller owns it), for bitmap algebra with tags and funnels.</summary>
    public Roaring32Bitmap ToBitmap()
    {
        var bitmap = new Roaring32Bitmap();
        if (Count > 0) bitmap.AddMany(Values.ToArray());
        return bitmap;
    }
}

using Roaring.Net.CRoaring;

namespace LiveProfile.Engine.Segments;

/// <summary>
/// A tag's members as a plain bitset over profile ordinals, kept beside its Roaring bitmap once a count has needed it.
/// For a tag carried by a few percent of profiles or more, Roaring's containers are 8 KiB bitmaps or near-full arrays
/// anyway, so the copy costs at most one bit per profile; in exchange an <c>and</c> of such tags streams straight
/// through memory (<see cref="DenseIntersection"/>) instead of intersecting container by container.
/// </summary>
internal sealed class DenseBits
{
    private ulong[] _words;

    public DenseBits(Roaring32Bitmap members)
    {
        _words = new ulong[members.Max is { } max ? WordOf(max) + 1 : 0];
        foreach (var ordinal in members.Values) _words[ordinal >> 6] |= 1UL << (int)(ordinal & 63);
    }

    /// <summary>The words, grown (with no members) to at least <paramref name="words"/>; words past the end hold no member.</summary>
    public ulong[] AtLeast(int words)
    {
        if (_words.Length < words) Array.Resize(ref _words, words);
        return _words;
    }

    public void Set(int ordinal)
    {
        var word = WordOf((uint)ordinal);
        if (word >= _words.Length) Array.Resize(ref _words, Math.Max(word + 1, _words.Length * 2));
        _words[word] |= 1UL << (ordinal & 63);
    }

    public void Clear(int ordinal)
    {
        var word = WordOf((uint)ordinal);
        if (word < _words.Length) _words[word] &= ~(1UL << (ordinal & 63));
    }

    private static int WordOf(uint ordinal) => (int)(ordinal >> 6);
}

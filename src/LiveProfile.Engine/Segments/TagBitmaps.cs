using Roaring.Net.CRoaring;

namespace LiveProfile.Engine.Segments;

/// <summary>
/// Which profiles of one partition carry each tag: a Roaring bitmap of profile ordinals per tag, plus the bitmap of
/// every live profile (for <c>not</c>). Kept by the partition on every tag change, and cleared of a profile's ordinal
/// when it leaves (erased, or merged into another), before the ordinal can be given to someone else. Single writer,
/// like its partition; never persisted (rebuilt from the profiles' tags when a checkpoint loads).
/// </summary>
public sealed class TagBitmaps : IDisposable
{
    /// <summary>A tag's members, and their dense copy once a count has asked for one.</summary>
    private sealed class Members(Roaring32Bitmap bitmap)
    {
        public Roaring32Bitmap Bitmap { get; } = bitmap;

        public DenseBits? Dense { get; set; }
    }

    private readonly Dictionary<int, Members> _byTag = [];

    /// <summary>Every profile of the partition.</summary>
    internal Roaring32Bitmap Live { get; } = new();

    public long ProfileCount => (long)Live.Count;

    /// <summary>Profiles carrying the tag with this key (<see cref="Tags.TagKeys"/>), or null when none ever has.</summary>
    internal Roaring32Bitmap? Of(int tagKey) => _byTag.GetValueOrDefault(tagKey)?.Bitmap;

    internal Roaring32Bitmap? Of(string tag) => Tags.TagKeys.TryGet(tag, out var key) ? Of(key) : null;

    /// <summary>
    /// The tag's members as a bitset of at least <paramref name="minWords"/> words (words past its end hold no one), or
    /// null when none ever carried it. Made on first use and kept up to date from then on; the copy costs one bit per
    /// profile, so it is asked for dense tags only.
    /// </summary>
    internal ulong[]? DenseOf(string tag, int minWords = 0)
    {
        if (!Tags.TagKeys.TryGet(tag, out var key) || !_byTag.TryGetValue(key, out var members)) return null;
        return (members.Dense ??= new DenseBits(members.Bitmap)).AtLeast(minWords);
    }

    /// <summary>Profiles carrying <paramref name="tag"/>.</summary>
    public long Count(string tag) => Of(tag) is { } bitmap ? (long)bitmap.Count : 0;

    internal void AddProfile(int ordinal) => Live.Add((uint)ordinal);

    /// <summary>Forgets a leaving profile everywhere: its ordinal may be reused.</summary>
    internal void RemoveProfile(int ordinal, ReadOnlySpan<Features.ProfileTag> tags)
    {
        Live.Remove((uint)ordinal);
        foreach (var tag in tags) Clear(tag.Tag, ordinal);
    }

    internal void Set(int tagKey, int ordinal)
    {
        var members = MembersOf(tagKey);
        members.Bitmap.Add((uint)ordinal);
        members.Dense?.Set(ordinal);
    }

    /// <summary>Bulk load (benchmarks): profiles 0..<paramref name="count"/>-1 live.</summary>
    internal void AddProfiles(uint count) => Live.AddRange(0, count - 1);

    /// <summary>Bulk load: <paramref name="ordinals"/> carry the tag.</summary>
    internal void SetMany(int tagKey, uint[] ordinals)
    {
        var members = MembersOf(tagKey);
        members.Bitmap.AddMany(ordinals);
        if (members.Dense is { } dense) foreach (var ordinal in ordinals) dense.Set((int)ordinal);
    }

    internal void Clear(int tagKey, int ordinal)
    {
        if (!_byTag.TryGetValue(tagKey, out var members)) return;
        members.Bitmap.Remove((uint)ordinal);
        members.Dense?.Clear(ordinal);
    }

    private Members MembersOf(int tagKey)
    {
        if (!_byTag.TryGetValue(tagKey, out var members)) _byTag[tagKey] = members = new Members(new Roaring32Bitmap());
        return members;
    }

    public void Dispose()
    {
        foreach (var members in _byTag.Values) members.Bitmap.Dispose();
        _byTag.Clear();
        Live.Dispose();
    }
}

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
    private readonly Dictionary<int, Roaring32Bitmap> _byTag = [];

    /// <summary>Every profile of the partition.</summary>
    internal Roaring32Bitmap Live { get; } = new();

    public long ProfileCount => (long)Live.Count;

    /// <summary>Profiles carrying the tag with this key (<see cref="Tags.TagKeys"/>), or null when none ever has.</summary>
    internal Roaring32Bitmap? Of(int tagKey) => _byTag.GetValueOrDefault(tagKey);

    internal Roaring32Bitmap? Of(string tag) => Tags.TagKeys.TryGet(tag, out var key) ? Of(key) : null;

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
        if (!_byTag.TryGetValue(tagKey, out var bitmap)) _byTag[tagKey] = bitmap = new Roaring32Bitmap();
        bitmap.Add((uint)ordinal);
    }

    /// <summary>Bulk load (benchmarks): profiles 0..<paramref name="count"/>-1 live.</summary>
    internal void AddProfiles(uint count) => Live.AddRange(0, count - 1);

    /// <summary>Bulk load: <paramref name="ordinals"/> carry the tag.</summary>
    internal void SetMany(int tagKey, uint[] ordinals)
    {
        if (!_byTag.TryGetValue(tagKey, out var bitmap)) _byTag[tagKey] = bitmap = new Roaring32Bitmap();
        bitmap.AddMany(ordinals);
    }

    internal void Clear(int tagKey, int ordinal)
    {
        if (_byTag.TryGetValue(tagKey, out var bitmap)) bitmap.Remove((uint)ordinal);
    }

    public void Dispose()
    {
        foreach (var bitmap in _byTag.Values) bitmap.Dispose();
        _byTag.Clear();
        Live.Dispose();
    }
}

namespace LiveProfile.Engine.Features;

/// <summary>The tags a profile carries now: each with weight, since and source (spec/api.md).</summary>
public sealed partial class Profile
{
    private ProfileTag[]? _tags;
    private int _tagCount;

    /// <summary>
    /// Event types (bits) applied since the partition last evaluated this profile's tags; non-zero while it waits in the
    /// partition's dirty list. Kept here, not in a map, so that marking a profile costs no lookup.
    /// </summary>
    internal ulong DirtyTypes { get; set; }

    /// <summary>Sorted by <see cref="ProfileTag.Tag"/> (a process-wide tag key, <see cref="Tags.TagKeys"/>).</summary>
    public ReadOnlySpan<ProfileTag> Tags => _tags.AsSpan(0, _tagCount);

    public bool HasTag(int tag) => IndexOfTag(tag) >= 0;

    internal int IndexOfTag(int tag)
    {
        int lo = 0, hi = _tagCount - 1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var k = _tags![mid].Tag;
            if (k == tag) return mid;
            if (k < tag) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    internal ref ProfileTag TagAt(int index) => ref _tags![index];

    internal void AddTag(ProfileTag tag)
    {
        var index = IndexOfTag(tag.Tag);
        if (index >= 0)
        {
            _tags![index] = tag;
            return;
        }
        index = ~index;
        if (_tags is null || _tagCount == _tags.Length) Array.Resize(ref _tags, Math.Max(4, _tagCount * 2));
        Array.Copy(_tags, index, _tags, index + 1, _tagCount - index);
        _tags[index] = tag;
        _tagCount++;
    }

    internal void RemoveTagAt(int index)
    {
        Array.Copy(_tags!, index + 1, _tags!, index, _tagCount - index - 1);
        _tagCount--;
        _tags![_tagCount] = default;
    }

    internal void ClearTags()
    {
        _tags = null;
        _tagCount = 0;
    }
}

/// <summary>One tag on a profile. <see cref="Weight"/> is 0–1; <see cref="SinceMinute"/> is event time.</summary>
public record struct ProfileTag(int Tag, float Weight, int SinceMinute, TagSource Source);

public enum TagSource : byte
{
    Rule = 0,
    Model = 1,
}

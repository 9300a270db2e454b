namespace LiveProfile.Engine.Tags;

/// <summary>What happened to a tag on a profile.</summary>
public enum TagChangeKind : byte
{
    Added = 0,
    Removed = 1,
    WeightChanged = 2,
    /// <summary>An interest-shift tag (<c>potential:&lt;category&gt;</c>) appeared: reported besides its <see cref="Added"/>.</summary>
    InterestShift = 3,

    /// <summary>The profile entered a saved segment (<see cref="TagChange.Tag"/> is <c>segment:&lt;name&gt;</c>).</summary>
    SegmentEntered = 4,

    /// <summary>The profile left a saved segment, or left the engine (merged, erased) while in it.</summary>
    SegmentLeft = 5,

    /// <summary>Another profile was merged into this one (<see cref="TagChange.Tag"/> is <c>identity</c>; the reason names it).</summary>
    Merged = 6,

    /// <summary>An unmerge rebuilt this profile (<see cref="TagChange.Tag"/> is <c>identity</c>; the reason names the profile split).</summary>
    Unmerged = 7,
}

/// <summary>
/// One change of a profile's tags, in event time (<see cref="AtMs"/> is the engine clock when the
/// tag was re-evaluated). <see cref="Reason"/> says why when it is not the tag's own condition:
/// a merge, a taxonomy version, or the facts of an interest shift.
/// </summary>
public sealed record TagChange(
    ulong Profile,
    string Tag,
    TagChangeKind Kind,
    double Weight,
    double PreviousWeight,
    long AtMs,
    int TaxonomyVersion,
    string? Reason = null);

/// <summary>Receives tag changes from partitions. Called on partition threads: must be thread-safe and must not block.</summary>
public interface ITagChangeSink
{
    void Publish(TagChange change);
}

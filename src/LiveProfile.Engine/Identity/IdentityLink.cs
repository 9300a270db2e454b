namespace LiveProfile.Engine.Identity;

/// <summary>Why two identifiers were joined.</summary>
public enum LinkSource : byte
{
    /// <summary>Seen together in one event (a logged-in viewer: viewer id and account).</summary>
    Event = 1,

    /// <summary>An <c>identity.link</c> event said so.</summary>
    IdentityLink = 2,

    /// <summary>The identity matcher linked them (an <c>identity.match</c>: automatically, or accepted in review).</summary>
    Matcher = 3,
}

/// <summary>
/// One join in a profile's lineage: <see cref="To"/> was joined to <see cref="From"/>'s profile by the event at log
/// position <see cref="Lsn"/>, with its event time. Joins seen in an event are certain (confidence 1); an
/// <c>identity.link</c> carries the confidence its producer gave (1 when it gave none).
/// </summary>
public readonly record struct IdentityLink(ulong From, ulong To, LinkSource Source, float Confidence, long AtMs, long Lsn)
{
    /// <summary>Whether the join brought two existing profiles together (a merge), not a new identifier into one.</summary>
    public bool Merged { get; init; }
}

/// <summary>A link an unmerge cut (at event time <see cref="AtMs"/>, by the log record at <see cref="Lsn"/>): its two ends stay apart.</summary>
public readonly record struct CutLink(IdentityLink Link, long AtMs, long Lsn);

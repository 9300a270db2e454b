namespace LiveProfile.Matching;

/// <summary>When a match links on its own, when it goes to review, and how large a block may be before it is skipped.</summary>
public sealed record MatchOptions
{
    /// <summary>
    /// At or above: linked automatically. Probabilities are calibrated (a link at 0.6 is right six times in ten), and
    /// most links are near 1: on the two evaluation sets 0.6 keeps the links' precision above 0.99 and finds 95–98 % of
    /// the people (docs/quality.md). A wrong link can be undone (<c>POST /v1/identity/unmerge</c>).
    /// </summary>
    public double AutoLinkAt { get; init; } = 0.6;

    /// <summary>
    /// At or above (and never below <see cref="AutoLinkAt"/>): deciding a batch together, the link is sure enough to take
    /// the account out of the other records' rivals (<see cref="Matcher.DecideAll"/>). Kept high: a wrong claim would
    /// take the right account away from the person it belongs to.
    /// </summary>
    public double ClaimAt { get; init; } = 0.95;

    /// <summary>At or above (and below <see cref="AutoLinkAt"/>): a candidate for review.</summary>
    public double ReviewAt { get; init; } = 0.3;

    /// <summary>Blocks with more accounts than this (a very common nickname) are not used to find candidates.</summary>
    public int MaxBlock { get; init; } = 200;

    /// <summary>
    /// Blocks of a product touched in an hour with more accounts than this are not used: a product that many people touch
    /// within the hour says little about who is who, and comparing them all would cost every query.
    /// </summary>
    public int MaxTouchBlock { get; init; } = 4;

    public void Validate()
    {
        if (ReviewAt is <= 0 or >= 1 || AutoLinkAt is <= 0 or >= 1 || ReviewAt > AutoLinkAt)
        {
            throw new ArgumentException($"thresholds must satisfy 0 < review ({ReviewAt}) ≤ auto-link ({AutoLinkAt}) < 1");
        }
        if (ClaimAt is <= 0 or >= 1) throw new ArgumentException($"the claim threshold ({ClaimAt}) must be between 0 and 1");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBlock);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxTouchBlock);
    }
}

/// <summary>What to do with the best candidate.</summary>
public enum MatchDecision
{
    /// <summary>Nothing close enough.</summary>
    None,

    /// <summary>Plausible, or two candidates equally strong: a person decides.</summary>
    Review,

    AutoLink,
}

/// <summary>One field's share of a candidate's weight: the level it compared at and log2(m/u) in bits.</summary>
public sealed record FieldContribution(MatchField Field, string Level, double Weight);

/// <summary>An account a record may be, with the probability and each field's contribution.</summary>
public sealed record MatchCandidate(string AccountId, double Probability, double Weight, IReadOnlyList<FieldContribution> Fields);

namespace LiveProfile.Matching;

/// <summary>When a match links on its own, when it goes to review, and how large a block may be before it is skipped.</summary>
public sealed record MatchOptions
{
    /// <summary>At or above: linked automatically.</summary>
    public double AutoLinkAt { get; init; } = 0.95;

    /// <summary>At or above (and below <see cref="AutoLinkAt"/>): a candidate for review.</summary>
    public double ReviewAt { get; init; } = 0.5;

    /// <summary>Blocks with more accounts than this (a very common nickname) are not used to find candidates.</summary>
    public int MaxBlock { get; init; } = 200;

    public void Validate()
    {
        if (ReviewAt is <= 0 or >= 1 || AutoLinkAt is <= 0 or >= 1 || ReviewAt > AutoLinkAt)
        {
            throw new ArgumentException($"thresholds must satisfy 0 < review ({ReviewAt}) ≤ auto-link ({AutoLinkAt}) < 1");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBlock);
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

using LiveProfile.Cluster;

namespace LiveProfile.Server.Http;

/// <summary>
/// Why a tag holds (or not) for a profile, at <see cref="AsOf"/> (the engine's event-time clock):
/// the condition's facts, the weight's, the tag as the profile carries it, and the newest events of
/// the types the tag reads.
/// </summary>
internal sealed record ExplainAnswer(
    string ProfileId,
    TaxonomyTagAnswer Tag,
    int TaxonomyVersion,
    bool Holds,
    CarriedAnswer? Carried,
    DateTimeOffset AsOf,
    string Summary,
    IReadOnlyList<FactAnswer> Facts,
    WeightAnswer? Weight,
    IReadOnlyList<TimelineEvent> DecisiveEvents)
{
    public static ExplainAnswer From(string profileId, TagExplanationDto e, IReadOnlyList<TimelineEvent> decisiveEvents) => new(
        profileId,
        new TaxonomyTagAnswer(e.Id, e.Family, e.NameZh, e.NameEn, e.Definition, e.When, e.WeightExpression, e.Source, e.Model),
        e.TaxonomyVersion,
        e.Holds,
        e.CarriedWeight is { } w && e.CarriedSinceMs is { } since ? new CarriedAnswer(w, DateTimeOffset.FromUnixTimeMilliseconds(since)) : null,
        DateTimeOffset.FromUnixTimeMilliseconds(e.AtMs),
        e.Summary,
        [.. e.Facts.Select(FactAnswer.From)],
        e.Weight is { } value ? new WeightAnswer(FactValue.From(value), e.WeightSummary ?? "", [.. e.WeightFacts.Select(FactAnswer.From)]) : null,
        decisiveEvents);
}

/// <summary>The tag as the profile carries it: its stored weight and since when (event time).</summary>
internal sealed record CarriedAnswer(double Weight, DateTimeOffset Since);

/// <summary>The weight expression's value now (the stored weight is clamped to 0–1) and its facts.</summary>
internal sealed record WeightAnswer(FactValue Value, string Summary, IReadOnlyList<FactAnswer> Facts);

/// <summary>
/// A call (<c>kind: call</c>, with <see cref="Function"/> and <see cref="Arguments"/>) or a comparison
/// (<c>kind: comparison</c>, with the operands, their values, the operator and whether it held).
/// <see cref="Line"/> and <see cref="Column"/> point into the tag's expression.
/// </summary>
internal sealed record FactAnswer(
    string Kind,
    string Expression,
    FactValue Value,
    string? Function,
    IReadOnlyList<FactValue>? Arguments,
    string? Operator,
    string? Left,
    FactValue? LeftValue,
    string? Right,
    FactValue? RightValue,
    bool? Holds,
    int Line,
    int Column)
{
    public static FactAnswer From(ExplainedFactDto f) => f.IsComparison
        ? new FactAnswer("comparison", f.Expression, FactValue.From(f.Value), null, null, f.Operator, f.Left, FactValue.From(f.LeftValue!),
            f.Right, FactValue.From(f.RightValue!), f.Holds, f.Line, f.Column)
        : new FactAnswer("call", f.Expression, FactValue.From(f.Value), f.Function, [.. f.Arguments.Select(FactValue.From)],
            null, null, null, null, null, null, f.Line, f.Column);
}

namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// The result of an explaining evaluation: the value and every fact evaluated on the way (in
/// explain mode <c>and</c>/<c>or</c> do not short-circuit, so a false tag shows every failing
/// condition too). <see cref="Summary"/> reads "share('beauty') = 0.42 ≥ 0.3 ✓; count('live.comment', 30d) = 7 ≥ 5 ✓".
/// </summary>
public sealed class Explanation
{
    internal Explanation(TagValue result, IReadOnlyList<ExplainedFact> facts)
    {
        Result = result;
        Facts = facts;
    }

    public TagValue Result { get; }

    /// <summary>Every call and comparison, in evaluation order.</summary>
    public IReadOnlyList<ExplainedFact> Facts { get; }

    /// <summary>The comparisons and the condition-valued calls (has_tag, follows), joined by "; ".</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string>();
            foreach (var fact in Facts)
            {
                if (fact.Kind == ExplainedFactKind.Comparison || fact.Value.Type == TagValueType.Bool) parts.Add(fact.ToString());
            }
            return string.Join("; ", parts);
        }
    }

    public override string ToString() => Summary;
}

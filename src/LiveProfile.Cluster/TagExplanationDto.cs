using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags.Language;
using LiveProfile.Engine.Tags.Taxonomy;
using LiveProfile.Engine.Time;
using Orleans.Concurrency;

namespace LiveProfile.Cluster;

[GenerateSerializer]
public enum ExplainStatus : byte
{
    Explained = 0,
    ProfileNotFound = 1,
    /// <summary>The partition's taxonomy has no such tag (it may not have switched to a new version yet).</summary>
    TagNotFound = 2,
}

/// <summary>The answer of <see cref="IPartitionGrain.Explain"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record ExplainReply([property: Id(0)] ExplainStatus Status, [property: Id(1)] TagExplanationDto? Explanation);

/// <summary>
/// A <see cref="TagExplanation"/> as plain data: the engine's types hold compiled expressions and
/// evaluators that must not cross a grain boundary, so the grain flattens them here.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TagExplanationDto(
    [property: Id(0)] string Id,
    [property: Id(1)] string Family,
    [property: Id(2)] string NameZh,
    [property: Id(3)] string NameEn,
    [property: Id(4)] string Definition,
    [property: Id(5)] string When,
    [property: Id(6)] string? WeightExpression,
    [property: Id(7)] string Source,
    [property: Id(8)] string? Model,
    [property: Id(9)] int TaxonomyVersion,
    [property: Id(10)] bool Holds,
    [property: Id(11)] string Summary,
    [property: Id(12)] ExplainedFactDto[] Facts,
    [property: Id(13)] ExplainedValueDto? Weight,
    [property: Id(14)] string? WeightSummary,
    [property: Id(15)] ExplainedFactDto[] WeightFacts,
    [property: Id(16)] double? CarriedWeight,
    [property: Id(17)] long? CarriedSinceMs,
    [property: Id(18)] long AtMs,
    [property: Id(19)] string[] InputEventTypes)
{
    public static TagExplanationDto From(TagExplanation explanation, CompiledTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var tag = explanation.Tag;
        var carried = explanation.Carried;
        return new TagExplanationDto(tag.Id, tag.Family, tag.NameZh, tag.NameEn, tag.Definition, tag.When.Text, tag.Weight?.Text,
            tag.Source == TagSource.Model ? "model" : "rule", tag.Model, taxonomy.Version,
            explanation.When.Result.Bool, explanation.When.Summary, FactsOf(explanation.When),
            explanation.Weight is { } w ? ExplainedValueDto.From(w.Result) : null,
            // A weight is a number, so its explanation has no comparisons to summarise: say what it came to.
            explanation.Weight is { } ws ? $"{tag.Weight!.Text} = {ws.Result}" : null,
            explanation.Weight is { } wf ? FactsOf(wf) : [],
            carried is { } c ? Math.Round(c.Weight, 3) : null,
            carried is { } s ? EventTime.FromMinute(s.SinceMinute) : null,
            explanation.AtMs, InputEventTypesOf(tag, taxonomy));
    }

    private static ExplainedFactDto[] FactsOf(Explanation explanation) => [.. explanation.Facts.Select(ExplainedFactDto.From)];

    /// <summary>Event types that can change the tag, through the tags it reads with has_tag too.</summary>
    private static string[] InputEventTypesOf(CompiledTag tag, CompiledTaxonomy taxonomy)
    {
        var types = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<CompiledTag>();
        pending.Push(tag);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next.Id)) continue;
            foreach (var inputs in next.Inputs)
            {
                types.UnionWith(inputs.EventTypes);
                foreach (var read in inputs.Tags) if (taxonomy.Find(read) is { } dependency) pending.Push(dependency);
            }
        }
        return [.. types];
    }
}

/// <summary>One call or comparison of an explanation; operands only for comparisons.</summary>
[GenerateSerializer, Immutable]
public sealed record ExplainedFactDto(
    [property: Id(0)] bool IsComparison,
    [property: Id(1)] string Expression,
    [property: Id(2)] ExplainedValueDto Value,
    [property: Id(3)] string? Function,
    [property: Id(4)] ExplainedValueDto[] Arguments,
    [property: Id(5)] string? Operator,
    [property: Id(6)] string? Left,
    [property: Id(7)] ExplainedValueDto? LeftValue,
    [property: Id(8)] string? Right,
    [property: Id(9)] ExplainedValueDto? RightValue,
    [property: Id(10)] bool Holds,
    [property: Id(11)] int Line,
    [property: Id(12)] int Column)
{
    public static ExplainedFactDto From(ExplainedFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var comparison = fact.Kind == ExplainedFactKind.Comparison;
        return new ExplainedFactDto(comparison, fact.Expression, ExplainedValueDto.From(fact.Value), fact.Function,
            [.. fact.Arguments.Select(ExplainedValueDto.From)], fact.Operator,
            comparison ? fact.Left : null, comparison ? ExplainedValueDto.From(fact.LeftValue) : null,
            comparison ? fact.Right : null, comparison ? ExplainedValueDto.From(fact.RightValue) : null,
            fact.Holds, fact.Line, fact.Column);
    }
}

/// <summary>
/// A value of the tag language: its type (bool, number, string, duration), its number (seconds for
/// a duration, NaN when absent) and its text as the language writes it (<c>0.42</c>, <c>30d</c>, <c>'beauty'</c>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExplainedValueDto([property: Id(0)] string Type, [property: Id(1)] double Number, [property: Id(2)] string Text)
{
    public bool IsNumber => Type == "number";

    public static ExplainedValueDto From(TagValue value) => new(TypeName(value.Type), value.Number, value.ToString());

    private static string TypeName(TagValueType type) => type switch
    {
        TagValueType.Bool => "bool",
        TagValueType.String => "string",
        TagValueType.Duration => "duration",
        _ => "number",
    };
}

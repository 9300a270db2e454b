using LiveProfile.Engine.Features;
using LiveProfile.Engine.Tags.Language;

namespace LiveProfile.Engine.Tags.Taxonomy;

/// <summary>One tag of a compiled taxonomy: a parametric definition instantiated for one value, or a plain one.</summary>
public sealed class CompiledTag
{
    public required string Id { get; init; }

    /// <summary>Process-wide key (<see cref="TagKeys"/>); negative in a taxonomy compiled only to validate it.</summary>
    public int Key { get; internal set; }

    /// <summary>Position in evaluation order: tags read by <c>has_tag</c> come first.</summary>
    public int Index { get; internal set; }

    /// <summary>The definition's id as written, e.g. <c>interest:$category</c>.</summary>
    public required string Definition { get; init; }

    /// <summary>The parameter values it was instantiated with (empty for a plain tag).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public required string Family { get; init; }
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public required TagExpression When { get; init; }
    public TagExpression? Weight { get; init; }
    public required TagSource Source { get; init; }

    /// <summary>For a model tag, the model that sets it.</summary>
    public string? Model { get; init; }

    /// <summary>Adding the tag is an interest shift (reported on the change feed as such).</summary>
    public bool IsInterestShift { get; init; }

    /// <summary>What the condition and the weight read.</summary>
    public required IReadOnlyList<TagInputs> Inputs { get; init; }

    /// <summary>Line of the definition in the taxonomy file.</summary>
    public int Line { get; init; }

    public override string ToString() => Id;
}

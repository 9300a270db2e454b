namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// Bounds every accepted expression must respect, checked when it is compiled (so a taxonomy is
/// checked when it is saved, not when it runs): source length, syntax-tree nodes and depth, and the
/// summed <see cref="FunctionDefinition.Cost"/> of its function calls.
/// </summary>
public sealed record CostLimits
{
    public static CostLimits Default { get; } = new();

    /// <summary>Longest source text, in UTF-16 code units (4 KiB).</summary>
    public int MaxSourceLength { get; init; } = 4096;

    /// <summary>Most syntax-tree nodes (literals, operators, calls, arguments).</summary>
    public int MaxNodes { get; init; } = 256;

    /// <summary>Deepest nesting of the syntax tree (a literal alone has depth 1).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Largest sum of the costs of the function calls.</summary>
    public int MaxCost { get; init; } = 64;
}

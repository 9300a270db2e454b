namespace LiveProfile.Engine.Tags.Language;

/// <summary>How to compile an expression.</summary>
public sealed record TagCompileOptions
{
    public static TagCompileOptions Default { get; } = new();

    /// <summary>The type the expression must have: Bool for a tag definition, Number for a weight; null accepts any.</summary>
    public TagValueType? ExpectedType { get; init; } = TagValueType.Bool;

    /// <summary>
    /// Values of the <c>$parameters</c> (keys without '$'). Null compiles a template: parameters stay
    /// unbound, arguments that depend on them are checked at <see cref="TagExpression.Instantiate"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    public CostLimits Limits { get; init; } = CostLimits.Default;

    public FunctionCatalog Catalog { get; init; } = FunctionCatalog.Default;
}

namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// One fact of an explanation, in evaluation order. For a call: <see cref="Function"/>,
/// <see cref="Arguments"/> and its <see cref="Value"/>. For a comparison: the operand texts and
/// values, the <see cref="Operator"/>, and <see cref="Value"/> = whether it held. Printed as
/// <c>share('beauty') = 0.42</c> or <c>share('beauty') = 0.42 ≥ 0.3 ✓</c>. <see cref="Line"/> and
/// <see cref="Column"/> locate the node in the definition's source.
/// </summary>
public sealed record ExplainedFact
{
    public required ExplainedFactKind Kind { get; init; }

    /// <summary>Canonical text of the call or of the whole comparison, with parameters bound.</summary>
    public required string Expression { get; init; }

    /// <summary>The call's value, or the comparison's result (a Bool).</summary>
    public required TagValue Value { get; init; }

    public string? Function { get; init; }

    public IReadOnlyList<TagValue> Arguments { get; init; } = [];

    /// <summary>The comparison operator as written in the language: &lt; &lt;= &gt; &gt;= == !=.</summary>
    public string? Operator { get; init; }

    public string? Left { get; init; }

    public TagValue LeftValue { get; init; }

    /// <summary>The left operand is a literal (printed by its value alone).</summary>
    public bool LeftIsLiteral { get; init; }

    /// <summary>The right operand, usually the threshold.</summary>
    public string? Right { get; init; }

    public TagValue RightValue { get; init; }

    /// <summary>The right operand is a literal, usually a threshold (printed by its value alone).</summary>
    public bool RightIsLiteral { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    /// <summary>True for a comparison that held.</summary>
    public bool Holds => Kind == ExplainedFactKind.Comparison && Value.Bool;

    public override string ToString()
    {
        if (Kind == ExplainedFactKind.Call) return $"{Expression} = {Value}";
        var left = LeftIsLiteral ? LeftValue.ToString() : $"{Left} = {LeftValue}";
        var right = RightIsLiteral ? RightValue.ToString() : $"{Right} = {RightValue}";
        return $"{left} {Pretty(Operator)} {right} {(Value.Bool ? "✓" : "✗")}";
    }

    private static string Pretty(string? op) => op switch
    {
        ">=" => "≥",
        "<=" => "≤",
        "==" => "=",
        "!=" => "≠",
        _ => op ?? "",
    };
}

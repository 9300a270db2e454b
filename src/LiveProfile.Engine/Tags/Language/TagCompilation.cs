namespace LiveProfile.Engine.Tags.Language;

/// <summary>The outcome of <see cref="TagExpression.Compile"/>: an expression, or the diagnostics that explain why not.</summary>
public sealed class TagCompilation
{
    internal TagCompilation(TagExpression? expression, IReadOnlyList<Diagnostic> diagnostics)
    {
        Expression = expression;
        Diagnostics = diagnostics;
    }

    public bool Success => Expression is not null;

    /// <summary>The compiled expression; null when there are diagnostics.</summary>
    public TagExpression? Expression { get; }

    /// <summary>Errors, in source order; empty on success.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public override string ToString() => Success ? "ok" : string.Join(Environment.NewLine, Diagnostics);
}

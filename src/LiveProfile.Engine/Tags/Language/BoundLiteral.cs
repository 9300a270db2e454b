namespace LiveProfile.Engine.Tags.Language;

/// <summary>A constant: a literal, a bound $parameter, or folded arithmetic on constants.</summary>
internal sealed class BoundLiteral(SyntaxNode syntax, TagValue value) : BoundNode(syntax, value.Type)
{
    public TagValue Value { get; } = value;

    public override TagValue? Constant => Value;
}

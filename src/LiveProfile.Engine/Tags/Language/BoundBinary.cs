namespace LiveProfile.Engine.Tags.Language;

/// <summary>A logical (<c>and</c>, <c>or</c>), comparison or arithmetic operator.</summary>
internal sealed class BoundBinary(BinarySyntax syntax, TagValueType type, BoundNode left, BoundNode right) : BoundNode(syntax, type)
{
    public TokenKind Operator => ((BinarySyntax)Syntax).Operator;

    public BoundNode Left { get; } = left;

    public BoundNode Right { get; } = right;

    public bool IsLogical => Operator is TokenKind.And or TokenKind.Or;

    public bool IsComparison => Operator is TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater
        or TokenKind.GreaterEqual or TokenKind.Equal or TokenKind.NotEqual;

    public override bool IsUnbound => Left.IsUnbound || Right.IsUnbound;
}

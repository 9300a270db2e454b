namespace LiveProfile.Engine.Tags.Language;

/// <summary>A logical, comparison or arithmetic operator between two operands.</summary>
internal sealed class BinarySyntax(TokenKind op, SyntaxNode left, SyntaxNode right, int operatorStart)
    : SyntaxNode(left.Start, right.End, Math.Max(left.Depth, right.Depth) + 1)
{
    public TokenKind Operator { get; } = op;
    public SyntaxNode Left { get; } = left;
    public SyntaxNode Right { get; } = right;
    public int OperatorStart { get; } = operatorStart;
    public override int Anchor => OperatorStart;
}

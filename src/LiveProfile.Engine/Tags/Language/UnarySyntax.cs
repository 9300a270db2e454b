namespace LiveProfile.Engine.Tags.Language;

/// <summary><c>not x</c>, <c>!x</c> or <c>-x</c>.</summary>
internal sealed class UnarySyntax(TokenKind op, SyntaxNode operand, int start)
    : SyntaxNode(start, operand.End, operand.Depth + 1)
{
    public TokenKind Operator { get; } = op;
    public SyntaxNode Operand { get; } = operand;
    public int OperatorStart { get; } = start;
    public override int Anchor => OperatorStart;
}

namespace LiveProfile.Engine.Tags.Language;

/// <summary><c>not</c> on a Bool, or negation of a Number or Duration.</summary>
internal sealed class BoundUnary(UnarySyntax syntax, BoundNode operand) : BoundNode(syntax, operand.Type)
{
    public TokenKind Operator => ((UnarySyntax)Syntax).Operator;

    public BoundNode Operand { get; } = operand;

    public override bool IsUnbound => Operand.IsUnbound;
}

using System.Text;

namespace LiveProfile.Engine.Tags.Language;

/// <summary>Prints a bound tree as canonical source (bound parameters substituted, constant arguments folded, literals as written, minimal parentheses).</summary>
internal static class BoundPrinter
{
    public static string Print(BoundNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    private static int Precedence(BoundNode node) => node switch
    {
        BoundBinary { Operator: TokenKind.Or } => 1,
        BoundBinary { Operator: TokenKind.And } => 2,
        BoundUnary { Operator: TokenKind.Not } => 3,
        BoundBinary { IsComparison: true } => 4,
        BoundBinary { Operator: TokenKind.Plus or TokenKind.Minus } => 5,
        BoundBinary => 6,
        BoundUnary => 7,
        BoundLiteral { Syntax: not LiteralSyntax, Value.Number: < 0 } => 7,
        _ => 8,
    };

    private static void Write(StringBuilder builder, BoundNode node, int required)
    {
        var precedence = Precedence(node);
        var parenthesize = precedence < required;
        if (parenthesize) builder.Append('(');
        switch (node)
        {
            case BoundLiteral { Syntax: LiteralSyntax written }:
                builder.Append(written.Text);
                break;
            case BoundLiteral literal:
                builder.Append(literal.Value.ToString());
                break;
            case BoundPlaceholder placeholder:
                builder.Append('$').Append(placeholder.Name);
                break;
            case BoundUnary unary:
                builder.Append(unary.Operator == TokenKind.Not ? "not " : "-");
                Write(builder, unary.Operand, precedence);
                break;
            case BoundBinary binary:
                var comparison = binary.IsComparison;
                Write(builder, binary.Left, comparison ? precedence + 1 : precedence);
                builder.Append(' ').Append(Arithmetic.Symbol(binary.Operator)).Append(' ');
                Write(builder, binary.Right, precedence + 1);
                break;
            case BoundCall call:
                builder.Append(call.Function.Name).Append('(');
                for (var i = 0; i < call.ArgumentNodes.Count; i++)
                {
                    if (i > 0) builder.Append(", ");
                    if (call.Arguments is { } values) builder.Append(values[i].ToString());
                    else Write(builder, call.ArgumentNodes[i], 0);
                }
                builder.Append(')');
                break;
        }
        if (parenthesize) builder.Append(')');
    }
}

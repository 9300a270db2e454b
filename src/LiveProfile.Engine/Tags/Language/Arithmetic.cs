namespace LiveProfile.Engine.Tags.Language;

/// <summary>The operator semantics shared by constant folding and evaluation.</summary>
internal static class Arithmetic
{
    /// <summary>+ − × ÷ on doubles; absent (NaN) stays absent; division by zero yields 0.</summary>
    public static double Apply(TokenKind op, double left, double right)
    {
        if (double.IsNaN(left) || double.IsNaN(right)) return double.NaN;
        return op switch
        {
            TokenKind.Plus => left + right,
            TokenKind.Minus => left - right,
            TokenKind.Star => left * right,
            _ => right == 0 ? 0 : left / right,
        };
    }

    /// <summary>Ordered comparison; any comparison with an absent (NaN) operand is false, != included.</summary>
    public static bool Compare(TokenKind op, double left, double right)
    {
        if (double.IsNaN(left) || double.IsNaN(right)) return false;
        return op switch
        {
            TokenKind.Less => left < right,
            TokenKind.LessEqual => left <= right,
            TokenKind.Greater => left > right,
            TokenKind.GreaterEqual => left >= right,
            TokenKind.Equal => left == right,
            _ => left != right,
        };
    }

    public static string Symbol(TokenKind op) => op switch
    {
        TokenKind.Less => "<",
        TokenKind.LessEqual => "<=",
        TokenKind.Greater => ">",
        TokenKind.GreaterEqual => ">=",
        TokenKind.Equal => "==",
        TokenKind.NotEqual => "!=",
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Star => "*",
        TokenKind.Slash => "/",
        TokenKind.And => "and",
        TokenKind.Or => "or",
        TokenKind.Not => "not",
        _ => op.ToString(),
    };

    /// <summary>The symbol explanations print: ≥ ≤ ≠ = &lt; &gt;.</summary>
    public static string PrettySymbol(TokenKind op) => op switch
    {
        TokenKind.LessEqual => "≤",
        TokenKind.GreaterEqual => "≥",
        TokenKind.Equal => "=",
        TokenKind.NotEqual => "≠",
        _ => Symbol(op),
    };
}

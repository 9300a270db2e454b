namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// One token: its kind, where it starts and ends (offsets into the source), and its value
/// (number, seconds of a duration, text of a string, identifier or parameter name). An
/// <see cref="TokenKind.Error"/> token carries the diagnostic code and message in <see cref="Text"/>.
/// </summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, double Number = 0, string Text = "", string Code = "")
{
    public static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.Number or TokenKind.Percent => "a number",
        TokenKind.Duration => "a duration",
        TokenKind.String => "a string",
        TokenKind.Identifier => "a name",
        TokenKind.Placeholder => "a $parameter",
        TokenKind.True => "'true'",
        TokenKind.False => "'false'",
        TokenKind.And => "'and'",
        TokenKind.Or => "'or'",
        TokenKind.Not => "'not'",
        TokenKind.Less => "'<'",
        TokenKind.LessEqual => "'<='",
        TokenKind.Greater => "'>'",
        TokenKind.GreaterEqual => "'>='",
        TokenKind.Equal => "'=='",
        TokenKind.NotEqual => "'!='",
        TokenKind.Plus => "'+'",
        TokenKind.Minus => "'-'",
        TokenKind.Star => "'*'",
        TokenKind.Slash => "'/'",
        TokenKind.OpenParen => "'('",
        TokenKind.CloseParen => "')'",
        TokenKind.Comma => "','",
        _ => kind.ToString(),
    };
}

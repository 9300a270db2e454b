namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// Recursive-descent parser of the grammar in docs/tag-language.md. It stops at the first error
/// (reporting it with what was expected) so that one mistake never cascades into noise, and it
/// enforces <see cref="CostLimits.MaxNodes"/> and <see cref="CostLimits.MaxDepth"/> while it
/// builds, so no later pass ever recurses deeper than the limit allows.
/// </summary>
internal sealed class Parser
{
    private readonly string _source;
    private readonly Lexer _lexer;
    private readonly SourcePosition _positions;
    private readonly CostLimits _limits;
    private Token _current;
    private int _nodes;
    private int _nesting;

    private Parser(string source, SourcePosition positions, CostLimits limits)
    {
        _source = source;
        _lexer = new Lexer(source);
        _positions = positions;
        _limits = limits;
        _current = _lexer.Next();
    }

    public Diagnostic? Error { get; private set; }

    /// <summary>Parses a whole expression; null with <see cref="Error"/> set when it is not valid.</summary>
    public static (SyntaxNode? Root, Diagnostic? Error, int Nodes) Parse(string source, SourcePosition positions, CostLimits limits)
    {
        var parser = new Parser(source, positions, limits);
        if (parser._current.Kind == TokenKind.End)
        {
            parser.Fail(0, DiagnosticCodes.UnexpectedToken, "expected an expression, found nothing");
            return (null, parser.Error, 0);
        }
        var root = parser.ParseExpression();
        if (root is not null && parser._current.Kind != TokenKind.End)
        {
            if (parser.IsUsable(parser._current))
            {
                var hint = parser._current.Kind is TokenKind.Identifier or TokenKind.String or TokenKind.Number or TokenKind.Placeholder or TokenKind.OpenParen
                    ? "; join conditions with 'and' or 'or'" : "";
                parser.Fail(parser._current.Start, DiagnosticCodes.UnexpectedToken,
                    $"unexpected {parser.Show(parser._current)} after the end of the expression{hint}");
            }
            root = null;
        }
        return (parser.Error is null ? root : null, parser.Error, parser._nodes);
    }

    private SyntaxNode? Fail(int offset, string code, string message)
    {
        Error ??= _positions.Diagnostic(offset, code, message);
        return null;
    }

    /// <summary>False (and the error recorded) when the token is a lexer error.</summary>
    private bool IsUsable(Token token)
    {
        if (token.Kind != TokenKind.Error) return true;
        Fail(token.Start, token.Code, token.Text);
        return false;
    }

    private string Show(Token token) => token.Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.Identifier => $"name '{token.Text}'",
        TokenKind.Placeholder => $"parameter '${token.Text}'",
        TokenKind.String => "string " + TagValue.Quote(token.Text),
        TokenKind.Number or TokenKind.Percent or TokenKind.Duration => $"'{_source[token.Start..token.End]}'",
        _ => Token.Describe(token.Kind),
    };

    private void Advance() => _current = _lexer.Next();

    private T? Node<T>(T node) where T : SyntaxNode
    {
        if (++_nodes > _limits.MaxNodes)
        {
            Fail(node.Anchor, DiagnosticCodes.TooManyNodes, $"expression has more than {_limits.MaxNodes} nodes; split it into smaller tags");
            return null;
        }
        if (node.Depth > _limits.MaxDepth)
        {
            Fail(node.Anchor, DiagnosticCodes.TooDeep, $"expression nests deeper than {_limits.MaxDepth} levels");
            return null;
        }
        return node;
    }

    private bool Enter(int offset)
    {
        if (++_nesting <= _limits.MaxDepth) return true;
        Fail(offset, DiagnosticCodes.TooDeep, $"expression nests deeper than {_limits.MaxDepth} levels");
        return false;
    }

    private SyntaxNode? ParseExpression() => ParseOr();

    private SyntaxNode? ParseOr()
    {
        var left = ParseAnd();
        while (left is not null && _current.Kind == TokenKind.Or)
        {
            var op = _current;
            Advance();
            var right = ParseAnd();
            if (right is null) return null;
            left = Node(new BinarySyntax(TokenKind.Or, left, right, op.Start));
        }
        return left;
    }

    private SyntaxNode? ParseAnd()
    {
        var left = ParseNot();
        while (left is not null && _current.Kind == TokenKind.And)
        {
            var op = _current;
            Advance();
            var right = ParseNot();
            if (right is null) return null;
            left = Node(new BinarySyntax(TokenKind.And, left, right, op.Start));
        }
        return left;
    }

    private SyntaxNode? ParseNot()
    {
        if (_current.Kind != TokenKind.Not) return ParseComparison();
        var op = _current;
        if (!Enter(op.Start)) return null;
        Advance();
        var operand = ParseNot();
        _nesting--;
        return operand is null ? null : Node(new UnarySyntax(TokenKind.Not, operand, op.Start));
    }

    private static bool IsComparison(TokenKind kind) =>
        kind is TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.Equal or TokenKind.NotEqual;

    private SyntaxNode? ParseComparison()
    {
        var left = ParseAdditive();
        if (left is null || !IsComparison(_current.Kind)) return left;
        var op = _current;
        Advance();
        var right = ParseAdditive();
        if (right is null) return null;
        if (IsComparison(_current.Kind))
        {
            return Fail(_current.Start, DiagnosticCodes.ChainedComparison,
                $"comparisons cannot be chained; write two comparisons joined by 'and' (a {Token.Describe(op.Kind).Trim('\'')} b and b {Token.Describe(_current.Kind).Trim('\'')} c)");
        }
        return Node(new BinarySyntax(op.Kind, left, right, op.Start));
    }

    private SyntaxNode? ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (left is not null && _current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = _current;
            Advance();
            var right = ParseMultiplicative();
            if (right is null) return null;
            left = Node(new BinarySyntax(op.Kind, left, right, op.Start));
        }
        return left;
    }

    private SyntaxNode? ParseMultiplicative()
    {
        var left = ParseUnary();
        while (left is not null && _current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = _current;
            Advance();
            var right = ParseUnary();
            if (right is null) return null;
            left = Node(new BinarySyntax(op.Kind, left, right, op.Start));
        }
        return left;
    }

    private SyntaxNode? ParseUnary()
    {
        if (_current.Kind != TokenKind.Minus) return ParsePrimary();
        var op = _current;
        if (!Enter(op.Start)) return null;
        Advance();
        var operand = ParseUnary();
        _nesting--;
        return operand is null ? null : Node(new UnarySyntax(TokenKind.Minus, operand, op.Start));
    }

    private SyntaxNode? ParsePrimary()
    {
        var token = _current;
        if (!IsUsable(token)) return null;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return Node(new LiteralSyntax(TagValue.FromNumber(token.Number), _source[token.Start..token.End], token.Start, token.End));
            case TokenKind.Percent:
                Advance();
                return Node(new LiteralSyntax(TagValue.FromNumber(token.Number), _source[token.Start..token.End], token.Start, token.End));
            case TokenKind.Duration:
                Advance();
                return Node(new LiteralSyntax(TagValue.FromSeconds(token.Number), _source[token.Start..token.End], token.Start, token.End));
            case TokenKind.String:
                Advance();
                return Node(new LiteralSyntax(TagValue.FromString(token.Text), _source[token.Start..token.End], token.Start, token.End));
            case TokenKind.True:
            case TokenKind.False:
                Advance();
                return Node(new LiteralSyntax(TagValue.FromBool(token.Kind == TokenKind.True), _source[token.Start..token.End], token.Start, token.End));
            case TokenKind.Placeholder:
                Advance();
                return Node(new PlaceholderSyntax(token.Text, token.Start, token.End));
            case TokenKind.OpenParen:
                return ParseParenthesized(token);
            case TokenKind.Identifier:
                return ParseCall(token);
            default:
                return Fail(token.Start, DiagnosticCodes.UnexpectedToken, $"expected an expression (a number, string, function call or '('), found {Show(token)}");
        }
    }

    private SyntaxNode? ParseParenthesized(Token open)
    {
        if (!Enter(open.Start)) return null;
        Advance();
        var inner = ParseExpression();
        _nesting--;
        if (inner is null) return null;
        if (!IsUsable(_current)) return null;
        if (_current.Kind != TokenKind.CloseParen)
        {
            var (line, column) = _positions.At(open.Start);
            return Fail(_current.Start, DiagnosticCodes.UnexpectedToken,
                $"expected ')' to close the '(' at {line}:{column}, found {Show(_current)}");
        }
        inner.Start = open.Start;
        inner.End = _current.End;
        Advance();
        return inner;
    }

    private SyntaxNode? ParseCall(Token name)
    {
        Advance();
        if (!IsUsable(_current)) return null;
        if (_current.Kind != TokenKind.OpenParen)
        {
            return Fail(name.Start, DiagnosticCodes.UnknownIdentifier,
                $"unknown name '{name.Text}': the language has no variables; call a function such as share('beauty'), or use a $parameter");
        }
        if (!Enter(_current.Start)) return null;
        Advance();
        var arguments = new List<SyntaxNode>();
        var depth = 1;
        if (_current.Kind != TokenKind.CloseParen)
        {
            while (true)
            {
                var argument = ParseExpression();
                if (argument is null) return null;
                arguments.Add(argument);
                depth = Math.Max(depth, argument.Depth + 1);
                if (!IsUsable(_current)) return null;
                if (_current.Kind == TokenKind.Comma)
                {
                    Advance();
                    continue;
                }
                if (_current.Kind == TokenKind.CloseParen) break;
                var expected = _current.Kind == TokenKind.End ? "')'" : "',' or ')'";
                return Fail(_current.Start, DiagnosticCodes.UnexpectedToken,
                    $"expected {expected} after the arguments of {name.Text}(…), found {Show(_current)}");
            }
        }
        else if (!IsUsable(_current))
        {
            return null;
        }
        _nesting--;
        var end = _current.End;
        Advance();
        return Node(new CallSyntax(name.Text, arguments, name.Start, end, depth));
    }
}

namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// Compiles a bound tree into nested closures, one per node: no reflection, no expression trees,
/// no code generation. Every closure takes the feature context and, in explain mode, the list of
/// facts to append to. Calls invoke the body their catalogue entry made from constant arguments.
/// </summary>
internal sealed class TagCompiler(SourcePosition positions)
{
    public NumberEvaluator Number(BoundNode node)
    {
        switch (node)
        {
            case BoundLiteral literal:
            {
                var value = literal.Value.Number;
                return (_, _) => value;
            }
            case BoundUnary unary:
            {
                var operand = Number(unary.Operand);
                return (c, f) => -operand(c, f);
            }
            case BoundBinary binary:
            {
                var op = binary.Operator;
                var left = Number(binary.Left);
                var right = Number(binary.Right);
                return op switch
                {
                    TokenKind.Plus => (c, f) => Arithmetic.Apply(TokenKind.Plus, left(c, f), right(c, f)),
                    TokenKind.Minus => (c, f) => Arithmetic.Apply(TokenKind.Minus, left(c, f), right(c, f)),
                    TokenKind.Star => (c, f) => Arithmetic.Apply(TokenKind.Star, left(c, f), right(c, f)),
                    _ => (c, f) => Arithmetic.Apply(TokenKind.Slash, left(c, f), right(c, f)),
                };
            }
            case BoundCall call:
            {
                var body = (Func<IFeatureContext, double>)call.Function.Body(new CallArguments(call.Arguments!));
                var duration = call.Type == TagValueType.Duration;
                var fact = CallFact(call);
                return (c, f) =>
                {
                    var value = body(c);
                    f?.Add(fact with { Value = duration ? TagValue.FromSeconds(value) : TagValue.FromNumber(value) });
                    return value;
                };
            }
            default:
                throw new InvalidOperationException("not a Number node");
        }
    }

    public StringEvaluator String(BoundNode node)
    {
        switch (node)
        {
            case BoundLiteral literal:
            {
                var value = literal.Value.Text;
                return (_, _) => value;
            }
            case BoundCall call:
            {
                var body = (Func<IFeatureContext, string>)call.Function.Body(new CallArguments(call.Arguments!));
                var fact = CallFact(call);
                return (c, f) =>
                {
                    var value = body(c) ?? "";
                    f?.Add(fact with { Value = TagValue.FromString(value) });
                    return value;
                };
            }
            default:
                throw new InvalidOperationException("not a String node");
        }
    }

    public BoolEvaluator Bool(BoundNode node)
    {
        switch (node)
        {
            case BoundLiteral literal:
            {
                var value = literal.Value.Bool;
                return (_, _) => value;
            }
            case BoundUnary unary:
            {
                var operand = Bool(unary.Operand);
                return (c, f) => !operand(c, f);
            }
            case BoundBinary { Operator: TokenKind.And } binary:
            {
                var left = Bool(binary.Left);
                var right = Bool(binary.Right);
                return (c, f) => f is null ? left(c, null) && right(c, null) : left(c, f) & right(c, f);
            }
            case BoundBinary { Operator: TokenKind.Or } binary:
            {
                var left = Bool(binary.Left);
                var right = Bool(binary.Right);
                return (c, f) => f is null ? left(c, null) || right(c, null) : left(c, f) | right(c, f);
            }
            case BoundBinary binary:
                return Comparison(binary);
            case BoundCall call:
            {
                var body = (Func<IFeatureContext, bool>)call.Function.Body(new CallArguments(call.Arguments!));
                var fact = CallFact(call);
                return (c, f) =>
                {
                    var value = body(c);
                    f?.Add(fact with { Value = TagValue.FromBool(value) });
                    return value;
                };
            }
            default:
                throw new InvalidOperationException("not a Bool node");
        }
    }

    private BoolEvaluator Comparison(BoundBinary node)
    {
        var op = node.Operator;
        var (line, column) = positions.At(node.Syntax.Anchor);
        var template = new ExplainedFact
        {
            Kind = ExplainedFactKind.Comparison,
            Expression = BoundPrinter.Print(node),
            Value = default,
            Operator = Arithmetic.Symbol(op),
            Left = BoundPrinter.Print(node.Left),
            Right = BoundPrinter.Print(node.Right),
            LeftIsLiteral = node.Left is BoundLiteral,
            RightIsLiteral = node.Right is BoundLiteral,
            Line = line,
            Column = column,
        };
        switch (node.Left.Type)
        {
            case TagValueType.Number:
            case TagValueType.Duration:
            {
                var left = Number(node.Left);
                var right = Number(node.Right);
                var duration = node.Left.Type == TagValueType.Duration;
                return (c, f) =>
                {
                    var a = left(c, f);
                    var b = right(c, f);
                    var result = Arithmetic.Compare(op, a, b);
                    if (f is not null)
                    {
                        f.Add(template with
                        {
                            Value = TagValue.FromBool(result),
                            LeftValue = duration ? TagValue.FromSeconds(a) : TagValue.FromNumber(a),
                            RightValue = duration ? TagValue.FromSeconds(b) : TagValue.FromNumber(b),
                        });
                    }
                    return result;
                };
            }
            case TagValueType.String:
            {
                var left = String(node.Left);
                var right = String(node.Right);
                var equal = op == TokenKind.Equal;
                return (c, f) =>
                {
                    var a = left(c, f);
                    var b = right(c, f);
                    var result = string.Equals(a, b, StringComparison.Ordinal) == equal;
                    f?.Add(template with { Value = TagValue.FromBool(result), LeftValue = TagValue.FromString(a), RightValue = TagValue.FromString(b) });
                    return result;
                };
            }
            default:
            {
                var left = Bool(node.Left);
                var right = Bool(node.Right);
                var equal = op == TokenKind.Equal;
                return (c, f) =>
                {
                    var a = left(c, f);
                    var b = right(c, f);
                    var result = (a == b) == equal;
                    f?.Add(template with { Value = TagValue.FromBool(result), LeftValue = TagValue.FromBool(a), RightValue = TagValue.FromBool(b) });
                    return result;
                };
            }
        }
    }

    private ExplainedFact CallFact(BoundCall call)
    {
        var (line, column) = positions.At(call.Syntax.Start);
        return new ExplainedFact
        {
            Kind = ExplainedFactKind.Call,
            Expression = BoundPrinter.Print(call),
            Value = default,
            Function = call.Function.Name,
            Arguments = call.Arguments!,
            Line = line,
            Column = column,
        };
    }
}

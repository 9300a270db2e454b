using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// Resolves calls against the <see cref="FunctionCatalog"/>, checks arity, argument types and
/// constant argument values, types every operator, folds constant arithmetic, sums the cost, and
/// collects the inputs. Reports every problem it finds (the syntax is already valid).
/// </summary>
internal sealed class Binder
{
    private readonly FunctionCatalog _catalog;
    private readonly IReadOnlyDictionary<string, string>? _parameters;
    private readonly SourcePosition _positions;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<string> _placeholders = [];
    private readonly List<string> _tags = [];
    private readonly List<string> _models = [];
    private FeatureFamilies _families;
    private ulong _events;
    private int _argumentDepth;

    public Binder(FunctionCatalog catalog, IReadOnlyDictionary<string, string>? parameters, SourcePosition positions)
    {
        _catalog = catalog;
        _parameters = parameters;
        _positions = positions;
    }

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Placeholder names in order of first appearance.</summary>
    public IReadOnlyList<string> Placeholders => _placeholders;

    public int Cost { get; private set; }

    /// <summary>Offset of the call that first took the cost over <see cref="MaxCost"/>, or -1.</summary>
    public int CostExceededAt { get; private set; } = -1;

    public int MaxCost { get; init; } = int.MaxValue;

    public TagInputs Inputs() => new(_families, _events, [.. _tags.Distinct(StringComparer.Ordinal)], [.. _models.Distinct(StringComparer.Ordinal)]);

    private void Report(int offset, string code, string message) => _diagnostics.Add(_positions.Diagnostic(offset, code, message));

    public BoundNode Bind(SyntaxNode node) => node switch
    {
        LiteralSyntax literal => new BoundLiteral(literal, literal.Value),
        PlaceholderSyntax placeholder => BindPlaceholder(placeholder),
        UnarySyntax unary => BindUnary(unary),
        BinarySyntax binary => BindBinary(binary),
        CallSyntax call => BindCall(call),
        _ => throw new InvalidOperationException("unknown syntax node"),
    };

    private BoundNode BindPlaceholder(PlaceholderSyntax node)
    {
        if (!_placeholders.Contains(node.Name)) _placeholders.Add(node.Name);
        if (_parameters is null) return new BoundPlaceholder(node);
        if (_parameters.TryGetValue(node.Name, out var value)) return new BoundLiteral(node, TagValue.FromString(value));
        Report(node.Start, DiagnosticCodes.MissingParameter, $"no value for parameter '${node.Name}'");
        return new BoundError(node);
    }

    private static string Name(TagValueType type) => type switch
    {
        TagValueType.Bool => "a condition (Bool)",
        TagValueType.Number => "a Number",
        TagValueType.String => "a String",
        _ => "a Duration",
    };

    private BoundNode BindUnary(UnarySyntax node)
    {
        var operand = Bind(node.Operand);
        if (operand.HasError) return new BoundError(node);
        if (node.Operator == TokenKind.Not)
        {
            if (operand.Type == TagValueType.Bool) return new BoundUnary(node, operand);
            Report(node.OperatorStart, DiagnosticCodes.OperatorType, $"'not' needs a condition (Bool), not {Name(operand.Type)}");
            return new BoundError(node);
        }
        if (operand.Type is not (TagValueType.Number or TagValueType.Duration))
        {
            Report(node.OperatorStart, DiagnosticCodes.OperatorType, $"'-' needs a Number or a Duration, not {Name(operand.Type)}");
            return new BoundError(node);
        }
        if (_argumentDepth > 0 && operand.Constant is { } value)
        {
            var negated = -value.Number;
            return new BoundLiteral(node, value.Type == TagValueType.Duration ? TagValue.FromSeconds(negated) : TagValue.FromNumber(negated));
        }
        return new BoundUnary(node, operand);
    }

    private BoundNode BindBinary(BinarySyntax node)
    {
        var left = Bind(node.Left);
        var right = Bind(node.Right);
        if (left.HasError || right.HasError) return new BoundError(node);
        var op = node.Operator;
        var symbol = Arithmetic.Symbol(op);
        switch (op)
        {
            case TokenKind.And:
            case TokenKind.Or:
                if (left.Type != TagValueType.Bool || right.Type != TagValueType.Bool)
                {
                    var side = left.Type != TagValueType.Bool ? ("left", left.Type) : ("right", right.Type);
                    Report(node.OperatorStart, DiagnosticCodes.OperatorType,
                        $"'{symbol}' needs conditions (Bool) on both sides; the {side.Item1} side is {Name(side.Item2)}");
                    return new BoundError(node);
                }
                return new BoundBinary(node, TagValueType.Bool, left, right);
            case TokenKind.Equal:
            case TokenKind.NotEqual:
                if (left.Type != right.Type)
                {
                    Report(node.OperatorStart, DiagnosticCodes.OperatorType, $"cannot compare {Name(left.Type)} with {Name(right.Type)}{UnitHint(left.Type, right.Type)}");
                    return new BoundError(node);
                }
                return new BoundBinary(node, TagValueType.Bool, left, right);
            case TokenKind.Less:
            case TokenKind.LessEqual:
            case TokenKind.Greater:
            case TokenKind.GreaterEqual:
                if (left.Type != right.Type || left.Type is not (TagValueType.Number or TagValueType.Duration))
                {
                    var message = left.Type == right.Type
                        ? $"'{symbol}' orders Numbers or Durations, not {Name(left.Type)}"
                        : $"cannot compare {Name(left.Type)} with {Name(right.Type)}{UnitHint(left.Type, right.Type)}";
                    Report(node.OperatorStart, DiagnosticCodes.OperatorType, message);
                    return new BoundError(node);
                }
                return new BoundBinary(node, TagValueType.Bool, left, right);
            default:
                var type = ArithmeticType(op, left.Type, right.Type);
                if (type is null)
                {
                    var message = left.Type == TagValueType.String && right.Type == TagValueType.String && op == TokenKind.Plus
                        ? "strings cannot be concatenated"
                        : $"cannot apply '{symbol}' to {Name(left.Type)} and {Name(right.Type)}{UnitHint(left.Type, right.Type)}";
                    Report(node.OperatorStart, DiagnosticCodes.OperatorType, message);
                    return new BoundError(node);
                }
                if (_argumentDepth > 0 && left.Constant is { } a && right.Constant is { } b)
                {
                    var folded = Arithmetic.Apply(op, a.Number, b.Number);
                    return new BoundLiteral(node, type == TagValueType.Duration ? TagValue.FromSeconds(folded) : TagValue.FromNumber(folded));
                }
                return new BoundBinary(node, type.Value, left, right);
        }
    }

    private static string UnitHint(TagValueType a, TagValueType b) =>
        (a, b) is (TagValueType.Duration, TagValueType.Number) or (TagValueType.Number, TagValueType.Duration)
            ? "; write the number with a unit, e.g. 10m or 30d" : "";

    private static TagValueType? ArithmeticType(TokenKind op, TagValueType left, TagValueType right) => (op, left, right) switch
    {
        (_, TagValueType.Number, TagValueType.Number) => TagValueType.Number,
        (TokenKind.Plus or TokenKind.Minus, TagValueType.Duration, TagValueType.Duration) => TagValueType.Duration,
        (TokenKind.Star, TagValueType.Duration, TagValueType.Number) => TagValueType.Duration,
        (TokenKind.Star, TagValueType.Number, TagValueType.Duration) => TagValueType.Duration,
        (TokenKind.Slash, TagValueType.Duration, TagValueType.Number) => TagValueType.Duration,
        (TokenKind.Slash, TagValueType.Duration, TagValueType.Duration) => TagValueType.Number,
        _ => null,
    };

    private BoundNode BindCall(CallSyntax node)
    {
        // Arguments are constants: arithmetic in them is folded (and only there, so the rest prints as written).
        var argumentNodes = new BoundNode[node.Arguments.Count];
        _argumentDepth++;
        for (var i = 0; i < argumentNodes.Length; i++) argumentNodes[i] = Bind(node.Arguments[i]);
        _argumentDepth--;

        if (!_catalog.TryGet(node.Name, out var function))
        {
            var suggestion = _catalog.Suggest(node.Name);
            Report(node.Start, DiagnosticCodes.UnknownFunction,
                $"unknown function '{node.Name}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"));
            return new BoundError(node);
        }

        Cost += function.Cost;
        if (Cost > MaxCost && CostExceededAt < 0) CostExceededAt = node.Start;
        _families |= function.Families;
        foreach (var type in function.FeedingEventTypes) _events |= 1UL << (int)type;

        var parameters = function.Parameters;
        if (argumentNodes.Length < function.RequiredCount || argumentNodes.Length > parameters.Count)
        {
            var expected = function.RequiredCount == parameters.Count
                ? $"{parameters.Count}"
                : $"{function.RequiredCount} to {parameters.Count}";
            Report(node.Start, DiagnosticCodes.WrongArgumentCount,
                $"{function.Name}(…) takes {expected} argument{(expected == "1" ? "" : "s")}, not {argumentNodes.Length}: {function.Signature}");
            return new BoundCall(node, function, null, argumentNodes);
        }

        var values = new TagValue[argumentNodes.Length];
        var ok = true;
        var unbound = false;
        for (var i = 0; i < argumentNodes.Length; i++)
        {
            var parameter = parameters[i];
            var argument = argumentNodes[i];
            var at = node.Arguments[i].Start;
            if (argument.HasError)
            {
                ok = false;
                continue;
            }
            if (argument.Type != parameter.Type)
            {
                Report(at, DiagnosticCodes.ArgumentType,
                    $"argument {i + 1} ({parameter.Name}) of {function.Name}(…) must be {Name(parameter.Type)}{Example(parameter.Kind)}, not {Name(argument.Type)}");
                ok = false;
                continue;
            }
            if (argument.IsUnbound && argument is BoundPlaceholder)
            {
                unbound = true;
                continue;
            }
            if (argument.Constant is not { } value)
            {
                Report(at, DiagnosticCodes.ArgumentNotConstant,
                    $"argument {i + 1} ({parameter.Name}) of {function.Name}(…) must be a constant (a literal or a $parameter), not a computed value");
                ok = false;
                continue;
            }
            var problem = Validate(parameter.Kind, value);
            if (problem is not null)
            {
                Report(at, DiagnosticCodes.InvalidArgument, $"argument {i + 1} ({parameter.Name}) of {function.Name}(…): {problem}");
                ok = false;
                continue;
            }
            values[i] = value;
        }
        if (!ok) return new BoundCall(node, function, null, argumentNodes);

        RecordInputs(function, values, argumentNodes);
        return new BoundCall(node, function, unbound ? null : values, argumentNodes);
    }

    private void RecordInputs(FunctionDefinition function, TagValue[] values, BoundNode[] arguments)
    {
        string Arg(int i) => arguments[i] is BoundPlaceholder p ? "$" + p.Name : values[i].Text;
        switch (function.Name)
        {
            case "count" when arguments[0] is not BoundPlaceholder:
                if (EventTypes.TryParse(values[0].Text, out var type)) _events |= 1UL << (int)type;
                break;
            case "count":
                _events |= AllUserEvents;
                break;
            case "has_tag":
                _tags.Add(arguments.Length > 1 ? Arg(0) + ":" + Arg(1) : Arg(0));
                break;
            case "model_score":
                _models.Add(Arg(0));
                break;
        }
    }

    private static readonly ulong AllUserEvents = BuildAllUserEvents();

    private static ulong BuildAllUserEvents()
    {
        ulong mask = 0;
        foreach (var type in EventTypes.All)
        {
            if (type.RequiresUser()) mask |= 1UL << (int)type;
        }
        return mask;
    }

    private static string Example(ArgumentKind kind) => kind switch
    {
        ArgumentKind.Window or ArgumentKind.Gap => " such as 30d",
        ArgumentKind.EventType => " such as 'live.comment'",
        ArgumentKind.Category => " such as 'beauty'",
        _ => "",
    };

    private static bool IsPlainText(string text) =>
        text.Length is > 0 and <= 128 && !text.Any(char.IsControl) && text.Trim().Length == text.Length;

    /// <summary>Null when the constant is acceptable for the parameter kind; otherwise what was expected.</summary>
    internal static string? Validate(ArgumentKind kind, TagValue value)
    {
        var text = value.Text;
        var number = value.Number;
        switch (kind)
        {
            case ArgumentKind.EventType:
                if (!EventTypes.TryParse(text, out var type))
                    return $"unknown event type {TagValue.Quote(text)}; expected a user event such as 'live.comment', 'live.share' or 'shop.order'";
                return type.RequiresUser() ? null : $"{TagValue.Quote(text)} is not a user event";
            case ArgumentKind.Intent:
                return text == "question" || Contract.CommentIntents.All.Contains(text)
                    ? null : $"unknown intent {TagValue.Quote(text)}; expected one of {string.Join(", ", Contract.CommentIntents.All)}, question";
            case ArgumentKind.Attribute:
                return text is "gender" or "province" or "city"
                    ? null : $"unknown attribute {TagValue.Quote(text)}; expected 'gender', 'province' or 'city' (age() reads the birth year)";
            case ArgumentKind.AffinityKey:
                foreach (var prefix in (string[])["cat:", "brand:", "price:", "label:"])
                {
                    if (text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length && IsPlainText(text)) return null;
                }
                return $"invalid affinity key {TagValue.Quote(text)}; expected 'cat:…', 'brand:…', 'price:…' or 'label:…'";
            case ArgumentKind.Model:
                return text.Length is > 0 and <= 64 && char.IsAsciiLetterLower(text[0]) && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
                    ? null : $"invalid model name {TagValue.Quote(text)}; expected lower-case letters, digits and '_'";
            case ArgumentKind.Category:
            case ArgumentKind.Label:
            case ArgumentKind.Room:
            case ArgumentKind.Tag:
                return IsPlainText(text) && !text.Any(char.IsWhiteSpace)
                    ? null : $"expected a non-empty name without spaces or control characters, at most 128 characters, not {TagValue.Quote(text)}";
            case ArgumentKind.Window:
                return IsWholeDays(number, 1) ? null : $"expected whole days between 1d and 180d, such as 30d, not {value}";
            case ArgumentKind.Gap:
                return IsWholeDays(number, 0) ? null : $"expected whole days between 0d and 180d, such as 7d, not {value}";
            case ArgumentKind.Hour:
                return IsInteger(number, 0, 23) ? null : $"expected a whole hour 0–23, not {value}";
            case ArgumentKind.HourEnd:
                return IsInteger(number, 1, 24) ? null : $"expected a whole hour 1–24, not {value}";
            case ArgumentKind.SessionCount:
                return IsInteger(number, 1, 64) ? null : $"expected a whole number 1–64, not {value}";
            default:
                return null;
        }
    }

    private static bool IsWholeDays(double seconds, int min) =>
        seconds % 86400 == 0 && seconds >= min * 86400.0 && seconds <= 180 * 86400.0;

    private static bool IsInteger(double value, int min, int max) =>
        value == Math.Floor(value) && value >= min && value <= max;
}

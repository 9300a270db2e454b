namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// A compiled tag expression: parsed, bound against the <see cref="FunctionCatalog"/> allow-list,
/// checked against the <see cref="CostLimits"/>, and turned into closures. Evaluation is
/// side-effect free and never throws for a context that does not throw. An expression with
/// unbound <c>$parameters</c> is a template: <see cref="Instantiate"/> it before evaluating.
/// </summary>
public sealed class TagExpression
{
    private readonly SyntaxNode _syntax;
    private readonly TagCompileOptions _options;
    private readonly BoolEvaluator? _bool;
    private readonly NumberEvaluator? _number;
    private readonly StringEvaluator? _string;

    private TagExpression(string source, SyntaxNode syntax, TagCompileOptions options, BoundNode root, Binder binder, int nodes, SourcePosition positions)
    {
        Source = source;
        _syntax = syntax;
        _options = options;
        ResultType = root.Type;
        Parameters = [.. binder.Placeholders];
        Inputs = binder.Inputs();
        NodeCount = nodes;
        Depth = syntax.Depth;
        Cost = binder.Cost;
        IsTemplate = options.Parameters is null && binder.Placeholders.Count > 0;
        Text = BoundPrinter.Print(root);
        if (IsTemplate) return;
        var compiler = new TagCompiler(positions);
        switch (root.Type)
        {
            case TagValueType.Bool: _bool = compiler.Bool(root); break;
            case TagValueType.String: _string = compiler.String(root); break;
            default: _number = compiler.Number(root); break;
        }
    }

    public string Source { get; }

    /// <summary>Canonical text: parameters substituted, constant arguments folded (<c>7d * 4</c> → <c>28d</c>), the rest as written.</summary>
    public string Text { get; }

    public TagValueType ResultType { get; }

    /// <summary>Names of the <c>$parameters</c> (without '$'), in order of first appearance.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>True when parameters are still unbound: <see cref="Instantiate"/> before evaluating.</summary>
    public bool IsTemplate { get; }

    public TagInputs Inputs { get; }

    public int NodeCount { get; }

    public int Depth { get; }

    /// <summary>Sum of the cost weights of the calls.</summary>
    public int Cost { get; }

    /// <summary>Compiles <paramref name="source"/>. Never throws on any text: problems come back as diagnostics.</summary>
    public static TagCompilation Compile(string source, TagCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= TagCompileOptions.Default;
        var limits = options.Limits;
        if (source.Length > limits.MaxSourceLength)
        {
            return Fail(new Diagnostic(1, 1, DiagnosticCodes.SourceTooLong,
                $"expression is {source.Length} characters long; at most {limits.MaxSourceLength} are allowed"));
        }
        var positions = new SourcePosition(source);
        var (syntax, error, nodes) = Parser.Parse(source, positions, limits);
        if (syntax is null) return Fail(error!);
        return Bind(source, syntax, nodes, options, positions);
    }

    /// <summary>Binds the <c>$parameters</c> of a template (keys without '$') and checks the arguments that depend on them.</summary>
    public TagCompilation Instantiate(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Bind(Source, _syntax, NodeCount, _options with { Parameters = parameters }, new SourcePosition(Source));
    }

    private static TagCompilation Bind(string source, SyntaxNode syntax, int nodes, TagCompileOptions options, SourcePosition positions)
    {
        var binder = new Binder(options.Catalog, options.Parameters, positions) { MaxCost = options.Limits.MaxCost };
        var root = binder.Bind(syntax);
        var diagnostics = new List<Diagnostic>(binder.Diagnostics);
        if (binder.CostExceededAt >= 0)
        {
            diagnostics.Add(positions.Diagnostic(binder.CostExceededAt, DiagnosticCodes.TooCostly,
                $"expression costs {binder.Cost}, more than the limit of {options.Limits.MaxCost}; split it into smaller tags"));
        }
        if (diagnostics.Count == 0 && options.ExpectedType is { } expected && root.Type != expected)
        {
            var what = expected == TagValueType.Bool ? "a condition (Bool)" : $"a {expected}";
            diagnostics.Add(positions.Diagnostic(syntax.Anchor, DiagnosticCodes.ResultType,
                $"expected {what}, but the expression is a {root.Type}" + (expected == TagValueType.Bool ? "; compare it with a threshold, e.g. >= 0.3" : "")));
        }
        if (diagnostics.Count > 0)
        {
            diagnostics.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
            return new TagCompilation(null, diagnostics);
        }
        return new TagCompilation(new TagExpression(source, syntax, options, root, binder, nodes, positions), []);
    }

    private static TagCompilation Fail(Diagnostic diagnostic) => new(null, [diagnostic]);

    /// <summary>Evaluates the condition (an expression of type Bool).</summary>
    public bool EvaluateBool(IFeatureContext context) => (_bool ?? throw NotEvaluable(TagValueType.Bool))(context, null);

    /// <summary>Evaluates a Number (or the seconds of a Duration), e.g. a weight.</summary>
    public double EvaluateNumber(IFeatureContext context) => (_number ?? throw NotEvaluable(TagValueType.Number))(context, null);

    public TagValue Evaluate(IFeatureContext context) => Evaluate(context, null);

    /// <summary>Evaluates and records every call and comparison (without short-circuits).</summary>
    public Explanation Explain(IFeatureContext context)
    {
        var facts = new List<ExplainedFact>();
        var result = Evaluate(context, facts);
        return new Explanation(result, facts);
    }

    /// <summary>The evaluation as a delegate, for hosts that store it.</summary>
    public Func<IFeatureContext, TagValue> ToDelegate() => Evaluate;

    private TagValue Evaluate(IFeatureContext context, List<ExplainedFact>? facts)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsTemplate) throw NotEvaluable(ResultType);
        return ResultType switch
        {
            TagValueType.Bool => TagValue.FromBool(_bool!(context, facts)),
            TagValueType.String => TagValue.FromString(_string!(context, facts)),
            TagValueType.Duration => TagValue.FromSeconds(_number!(context, facts)),
            _ => TagValue.FromNumber(_number!(context, facts)),
        };
    }

    private InvalidOperationException NotEvaluable(TagValueType wanted) => IsTemplate
        ? new InvalidOperationException($"'{Source}' is a template; instantiate its parameters ({string.Join(", ", Parameters.Select(p => "$" + p))}) first")
        : new InvalidOperationException($"'{Source}' is a {ResultType}, not a {wanted}");

    public override string ToString() => Text;
}

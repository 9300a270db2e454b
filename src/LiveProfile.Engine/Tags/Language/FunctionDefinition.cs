using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// One function of the allow-list: its name (case-sensitive), typed parameters, result type, what
/// it means, its cost weight, and what it reads. Its body is code in the catalogue that calls one
/// <see cref="IFeatureContext"/> method; nothing else can be called from an expression.
/// </summary>
public sealed class FunctionDefinition
{
    private readonly EventType[] _feeds;

    internal FunctionDefinition(string name, TagValueType returnType, FunctionParameter[] parameters, int cost,
        FeatureFamilies families, EventType[] feeds, string doc, Func<CallArguments, Delegate> body)
    {
        Name = name;
        ReturnType = returnType;
        Parameters = parameters;
        Cost = cost;
        Families = families;
        _feeds = feeds;
        Doc = doc;
        Body = body;
        var required = 0;
        while (required < parameters.Length && !parameters[required].IsOptional) required++;
        RequiredCount = required;
    }

    public string Name { get; }

    public TagValueType ReturnType { get; }

    public IReadOnlyList<FunctionParameter> Parameters { get; }

    /// <summary>Number of leading parameters that must be given.</summary>
    public int RequiredCount { get; }

    /// <summary>Weight counted against <see cref="CostLimits.MaxCost"/> for each call.</summary>
    public int Cost { get; }

    public FeatureFamilies Families { get; }

    /// <summary>User event types whose arrival can change the value (besides those named by arguments).</summary>
    public IReadOnlyList<EventType> FeedingEventTypes => _feeds;

    public string Doc { get; }

    /// <summary>Makes the evaluation body from the constant arguments: a <c>Func&lt;IFeatureContext, double|bool|string&gt;</c> by <see cref="ReturnType"/>.</summary>
    internal Func<CallArguments, Delegate> Body { get; }

    /// <summary>The signature as documented: <c>count(type: String, window: Duration) → Number</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", Parameters)}) → {ReturnType}";

    public override string ToString() => Signature;
}

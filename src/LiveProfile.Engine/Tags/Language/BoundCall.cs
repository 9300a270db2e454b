namespace LiveProfile.Engine.Tags.Language;

/// <summary>A resolved call: the catalogue function and its constant, validated arguments (null in a template until bound).</summary>
internal sealed class BoundCall(CallSyntax syntax, FunctionDefinition function, TagValue[]? arguments, IReadOnlyList<BoundNode> argumentNodes)
    : BoundNode(syntax, function.ReturnType)
{
    public FunctionDefinition Function { get; } = function;

    public TagValue[]? Arguments { get; } = arguments;

    public IReadOnlyList<BoundNode> ArgumentNodes { get; } = argumentNodes;

    public override bool IsUnbound => Arguments is null;
}

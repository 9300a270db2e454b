namespace LiveProfile.Engine.Tags.Language;

/// <summary>A call <c>name(arg, …)</c> of a function of the <see cref="FunctionCatalog"/>.</summary>
internal sealed class CallSyntax(string name, IReadOnlyList<SyntaxNode> arguments, int start, int end, int depth)
    : SyntaxNode(start, end, depth)
{
    public string Name { get; } = name;
    public IReadOnlyList<SyntaxNode> Arguments { get; } = arguments;
}

namespace LiveProfile.Engine.Tags.Language;

/// <summary>A <c>$name</c> parameter of a parametric tag, bound to a string when the tag is instantiated.</summary>
internal sealed class PlaceholderSyntax(string name, int start, int end) : SyntaxNode(start, end, 1)
{
    public string Name { get; } = name;
}

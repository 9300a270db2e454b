namespace LiveProfile.Engine.Tags.Language;

/// <summary>A number, percentage, duration, string or boolean literal.</summary>
internal sealed class LiteralSyntax(TagValue value, int start, int end) : SyntaxNode(start, end, 1)
{
    public TagValue Value { get; } = value;
}

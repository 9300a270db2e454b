namespace LiveProfile.Engine.Tags.Language;

/// <summary>A number, percentage, duration, string or boolean literal, with its text as written.</summary>
internal sealed class LiteralSyntax(TagValue value, string text, int start, int end) : SyntaxNode(start, end, 1)
{
    public TagValue Value { get; } = value;

    /// <summary>The literal as written (<c>30%</c>, <c>"beauty"</c>), for canonical printing.</summary>
    public string Text { get; } = text;
}

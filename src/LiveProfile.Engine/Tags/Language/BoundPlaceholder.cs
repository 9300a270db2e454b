namespace LiveProfile.Engine.Tags.Language;

/// <summary>A $parameter of a template, not bound yet: a String constant whose value comes at instantiation.</summary>
internal sealed class BoundPlaceholder(PlaceholderSyntax syntax) : BoundNode(syntax, TagValueType.String)
{
    public string Name => ((PlaceholderSyntax)Syntax).Name;

    public override bool IsUnbound => true;
}

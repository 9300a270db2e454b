namespace LiveProfile.Engine.Tags.Language;

/// <summary>A node that already has a diagnostic: operators over it report nothing more, so one mistake gives one message.</summary>
internal sealed class BoundError(SyntaxNode syntax) : BoundNode(syntax, TagValueType.Bool)
{
    public override bool HasError => true;
}

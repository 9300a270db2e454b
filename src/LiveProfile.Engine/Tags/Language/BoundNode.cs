namespace LiveProfile.Engine.Tags.Language;

/// <summary>A type-checked node. <see cref="Constant"/> is set for literals, bound parameters and arithmetic on them.</summary>
internal abstract class BoundNode(SyntaxNode syntax, TagValueType type)
{
    public SyntaxNode Syntax { get; } = syntax;

    public TagValueType Type { get; } = type;

    public virtual TagValue? Constant => null;

    /// <summary>True when the value depends on a parameter not bound yet (a template).</summary>
    public virtual bool IsUnbound => false;

    /// <summary>True for <see cref="BoundError"/>: a diagnostic was reported for it.</summary>
    public virtual bool HasError => false;
}

namespace LiveProfile.Engine.Tags.Language;

/// <summary>A node of the syntax tree: where it is in the source and how deep its subtree is.</summary>
internal abstract class SyntaxNode(int start, int end, int depth)
{
    /// <summary>Offset of the first character of the node (including parentheses around it).</summary>
    public int Start { get; set; } = start;

    /// <summary>Offset just after the last character of the node.</summary>
    public int End { get; set; } = end;

    /// <summary>Depth of the subtree: 1 for a leaf.</summary>
    public int Depth { get; } = depth;

    /// <summary>Offset reported by diagnostics about the node (its operator, or its start).</summary>
    public virtual int Anchor => Start;
}

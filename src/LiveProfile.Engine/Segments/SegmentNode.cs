namespace LiveProfile.Engine.Segments;

/// <summary>A parsed segment expression: boolean algebra over tags.</summary>
public abstract record SegmentNode
{
    /// <summary>The tags this node reads.</summary>
    public abstract IEnumerable<string> Tags { get; }
}

/// <summary>Profiles carrying one tag (<c>high_value</c>, <c>region:上海</c>).</summary>
public sealed record TagTerm(string Tag) : SegmentNode
{
    public override IEnumerable<string> Tags => [Tag];

    public override string ToString() => Tag;
}

/// <summary>Profiles carrying any of the tags (<c>interest:*</c>, expanded against the taxonomy).</summary>
public sealed record AnyTagTerm(string Pattern, IReadOnlyList<string> Expanded) : SegmentNode
{
    public override IEnumerable<string> Tags => Expanded;

    public override string ToString() => Pattern;
}

public sealed record NotNode(SegmentNode Operand) : SegmentNode
{
    public override IEnumerable<string> Tags => Operand.Tags;

    public override string ToString() => $"not {Wrap(Operand)}";

    internal static string Wrap(SegmentNode node) => node is AndNode or OrNode ? $"({node})" : node.ToString()!;
}

public sealed record AndNode(IReadOnlyList<SegmentNode> Operands) : SegmentNode
{
    public override IEnumerable<string> Tags => Operands.SelectMany(o => o.Tags);

    public override string ToString() => string.Join(" and ", Operands.Select(o => o is OrNode ? $"({o})" : o.ToString()));
}

public sealed record OrNode(IReadOnlyList<SegmentNode> Operands) : SegmentNode
{
    public override IEnumerable<string> Tags => Operands.SelectMany(o => o.Tags);

    public override string ToString() => string.Join(" or ", Operands.Select(o => o.ToString()));
}

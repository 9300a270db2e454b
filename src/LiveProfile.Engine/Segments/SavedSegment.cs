using LiveProfile.Engine.Tags;

namespace LiveProfile.Engine.Segments;

/// <summary>A segment saved under a name: its membership changes are published as they happen.</summary>
public sealed class SavedSegment
{
    private readonly HashSet<int> _tagKeys;

    public SavedSegment(string name, string expression, SegmentNode node)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(node);
        Name = name;
        Expression = expression;
        Node = node;
        _tagKeys = [.. node.Tags.Select(TagKeys.Intern)];
    }

    public string Name { get; }

    /// <summary>As the user wrote it.</summary>
    public string Expression { get; }

    public SegmentNode Node { get; }

    /// <summary>The tag id of its membership changes on the change feed.</summary>
    public string ChangeTag => "segment:" + Name;

    /// <summary>Whether a change of any of these tags may move a profile in or out.</summary>
    public bool Reads(IReadOnlyList<int> tagKeys)
    {
        for (var i = 0; i < tagKeys.Count; i++) if (_tagKeys.Contains(tagKeys[i])) return true;
        return false;
    }
}

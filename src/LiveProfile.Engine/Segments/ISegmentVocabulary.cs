namespace LiveProfile.Engine.Segments;

/// <summary>The tags a segment expression may name.</summary>
public interface ISegmentVocabulary
{
    bool Knows(string tag);

    /// <summary>Known tags starting with <paramref name="prefix"/> (which ends with ':').</summary>
    IReadOnlyList<string> WithPrefix(string prefix);
}

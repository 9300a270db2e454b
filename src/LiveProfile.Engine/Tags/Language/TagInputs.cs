using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// What an expression reads, so live evaluation can re-evaluate only the tags whose inputs changed:
/// the feature families, the user event types whose arrival can change its value, the tags and
/// model scores it reads, and whether time alone can change it (then a timer must re-evaluate it).
/// </summary>
public sealed class TagInputs
{
    private readonly ulong _eventMask;

    internal TagInputs(FeatureFamilies families, ulong eventMask, IReadOnlyList<string> tags, IReadOnlyList<string> models)
    {
        Families = families;
        _eventMask = eventMask;
        Tags = tags;
        Models = models;
        var names = new List<string>();
        for (var i = 0; i < 64; i++)
        {
            if ((eventMask & (1UL << i)) != 0) names.Add(((EventType)i).WireName());
        }
        names.Sort(StringComparer.Ordinal);
        EventTypes = names;
    }

    public FeatureFamilies Families { get; }

    /// <summary>Wire names of the user event types that can change the value, sorted.</summary>
    public IReadOnlyList<string> EventTypes { get; }

    /// <summary>Tag ids read by <c>has_tag</c>, in order of appearance (evaluate those tags first).</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Models read by <c>model_score</c>: re-evaluate when one of them scores the user.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>The value can change with time alone (sliding windows, days since…).</summary>
    public bool IsTimeDependent => (Families & FeatureFamilies.Clock) != 0;

    /// <summary>Whether an event of this type can change the value.</summary>
    public bool IsAffectedBy(EventType type) => (int)type < 64 && (_eventMask & (1UL << (int)type)) != 0;

    public override string ToString() =>
        $"families: {Families}; events: {string.Join(", ", EventTypes)}; tags: {string.Join(", ", Tags)}; models: {string.Join(", ", Models)}";
}

using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Engine.Segments;

/// <summary>The tags of a taxonomy version, as a segment expression may name them.</summary>
/// <param name="acceptUnknown">
/// Accept any tag (it has no members): for expressions checked when they were saved or sent, and read again under a
/// taxonomy that may have dropped one of their tags since.
/// </param>
public sealed class TaxonomyVocabulary(CompiledTaxonomy taxonomy, bool acceptUnknown = false) : ISegmentVocabulary
{
    public bool Knows(string tag) => acceptUnknown || taxonomy.Find(tag) is not null;

    public IReadOnlyList<string> WithPrefix(string prefix) =>
        [.. taxonomy.Tags.Where(t => t.Id.StartsWith(prefix, StringComparison.Ordinal)).Select(t => t.Id).Order(StringComparer.Ordinal)];
}

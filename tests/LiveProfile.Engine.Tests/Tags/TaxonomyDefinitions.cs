using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>The definitions of the shipped default taxonomy (Tags/Taxonomy/default-taxonomy.yaml), one per definition id.</summary>
internal static class TaxonomyDefinitions
{
    internal sealed record Definition(string Id, string When, string? Weight);

    public static IReadOnlyList<Definition> All { get; } =
        [.. CompiledTaxonomy.Default.Tags
            .GroupBy(t => t.Definition)
            .Select(g => new Definition(g.Key, g.First().When.Source, g.First().Weight?.Source))];

    public static Definition Get(string id) => All.Single(d => d.Id == id);
}

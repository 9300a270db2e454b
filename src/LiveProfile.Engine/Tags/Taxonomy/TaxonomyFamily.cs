namespace LiveProfile.Engine.Tags.Taxonomy;

/// <summary>A family of tags (basic, behavior, spending, content, …) with its names.</summary>
public sealed record TaxonomyFamily(string Id, string NameZh, string NameEn);

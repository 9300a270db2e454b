using LiveProfile.Engine.Features;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Server.Http;

/// <summary>The answer of <c>GET /v1/taxonomy</c>: the version in force, its backfill, families and tags.</summary>
internal sealed record TaxonomyAnswer(int Version, BackfillAnswer Backfill, IReadOnlyList<FamilyAnswer> Families, IReadOnlyList<TaxonomyTagAnswer> Tags)
{
    public static TaxonomyAnswer From(CompiledTaxonomy taxonomy, BackfillStatus backfill) => new(
        taxonomy.Version,
        BackfillAnswer.From(backfill),
        [.. taxonomy.Families.Select(f => new FamilyAnswer(f.Id, f.NameZh, f.NameEn))],
        [.. taxonomy.Tags.Select(TaxonomyTagAnswer.From)]);
}

internal sealed record FamilyAnswer(string Id, string Name, string NameEn);

/// <summary>
/// A tag of the taxonomy: <see cref="Definition"/> is the definition it was instantiated from
/// (<c>interest:$category</c>), <see cref="When"/> and <see cref="Weight"/> the canonical expression texts.
/// </summary>
internal sealed record TaxonomyTagAnswer(string Id, string Family, string Name, string NameEn, string Definition, string When, string? Weight,
    string Source, string? Model)
{
    public static TaxonomyTagAnswer From(CompiledTag t) =>
        new(t.Id, t.Family, t.NameZh, t.NameEn, t.Definition, t.When.Text, t.Weight?.Text, t.Source == TagSource.Model ? "model" : "rule", t.Model);
}

/// <summary>Progress of re-evaluating every profile under <see cref="Version"/>: profiles done of the started partitions' total.</summary>
internal sealed record BackfillAnswer(int Version, long Done, long Total, bool Complete, int PartitionsStarted, int Partitions)
{
    public static BackfillAnswer From(BackfillStatus s) => new(s.Version, s.Done, s.Total, s.Complete, s.PartitionsStarted, s.Partitions);
}

/// <summary>The answer of <c>POST /v1/taxonomy/validate</c>; <see cref="Tags"/> counts tags after expanding parameters.</summary>
internal sealed record ValidationAnswer(bool Valid, int Tags, IReadOnlyList<DiagnosticAnswer> Diagnostics)
{
    public static ValidationAnswer From(TaxonomyCompilation c) =>
        new(c.Success, c.Taxonomy?.Tags.Count ?? 0, DiagnosticAnswer.From(c.Diagnostics));
}

/// <summary>A problem in a taxonomy: 1-based line and column in the YAML, a stable code (TXnnn, or TLnnn in an expression), the tag it concerns.</summary>
internal sealed record DiagnosticAnswer(int Line, int Column, string Code, string Message, string? Tag)
{
    public static DiagnosticAnswer[] From(IReadOnlyList<TaxonomyDiagnostic> diagnostics) =>
        [.. diagnostics.Select(d => new DiagnosticAnswer(d.Line, d.Column, d.Code, d.Message, d.Tag))];
}

/// <summary>The answer of <c>PUT /v1/taxonomy</c> (202): the new version is in force and backfilling; poll <see cref="StatusUrl"/>.</summary>
internal sealed record TaxonomyAccepted(int Version, int Tags, BackfillAnswer Backfill, string StatusUrl);

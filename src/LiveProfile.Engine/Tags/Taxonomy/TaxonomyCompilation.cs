namespace LiveProfile.Engine.Tags.Taxonomy;

/// <summary>The outcome of compiling a taxonomy file: the taxonomy, or every problem found.</summary>
public sealed class TaxonomyCompilation
{
    internal TaxonomyCompilation(CompiledTaxonomy? taxonomy, IReadOnlyList<TaxonomyDiagnostic> diagnostics)
    {
        Taxonomy = taxonomy;
        Diagnostics = diagnostics;
    }

    public bool Success => Taxonomy is not null;
    public CompiledTaxonomy? Taxonomy { get; }
    public IReadOnlyList<TaxonomyDiagnostic> Diagnostics { get; }

    public override string ToString() => Success ? $"ok: {Taxonomy!.Tags.Count} tags" : string.Join(Environment.NewLine, Diagnostics);
}

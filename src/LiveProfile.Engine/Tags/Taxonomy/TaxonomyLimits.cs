namespace LiveProfile.Engine.Tags.Taxonomy;

/// <summary>Bounds on a taxonomy, checked when it is saved, so that evaluating it stays cheap per event.</summary>
public sealed record TaxonomyLimits
{
    public static TaxonomyLimits Default { get; } = new();

    /// <summary>Size of the YAML text.</summary>
    public int MaxBytes { get; init; } = 1 << 20;

    /// <summary>Tag definitions (a parametric definition counts once).</summary>
    public int MaxDefinitions { get; init; } = 500;

    /// <summary>Tags after expanding parameters.</summary>
    public int MaxTags { get; init; } = 2_000;

    /// <summary>Values of one parameter.</summary>
    public int MaxParameterValues { get; init; } = 256;

    /// <summary>Nesting of YAML sequences and mappings (a taxonomy needs 4).</summary>
    public int MaxNesting { get; init; } = 32;

    /// <summary>Length of ids, names and parameter values.</summary>
    public int MaxNameLength { get; init; } = 100;
}

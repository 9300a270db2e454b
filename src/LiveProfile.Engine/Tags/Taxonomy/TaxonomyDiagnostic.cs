namespace LiveProfile.Engine.Tags.Taxonomy;

/// <summary>
/// A problem in a taxonomy file: 1-based line and column in the YAML text, a stable code
/// (<see cref="TaxonomyCodes"/>, or the tag language's TLnnn for an expression), the tag it
/// concerns when there is one, and what was expected.
/// </summary>
public sealed record TaxonomyDiagnostic(int Line, int Column, string Code, string Message, string? Tag = null)
{
    public override string ToString() => $"{Line}:{Column}: {Code}: {(Tag is null ? "" : $"tag '{Tag}': ")}{Message}";
}

/// <summary>Stable codes of taxonomy diagnostics.</summary>
public static class TaxonomyCodes
{
    public const string Yaml = "TX001";            // not valid YAML
    public const string Shape = "TX002";           // a section or field has the wrong shape
    public const string UnknownField = "TX003";
    public const string MissingField = "TX004";
    public const string DuplicateId = "TX005";
    public const string UnknownFamily = "TX006";
    public const string UnknownParameter = "TX007";
    public const string InvalidId = "TX008";
    public const string UnknownTag = "TX009";      // has_tag reads a tag the taxonomy does not define
    public const string Cycle = "TX010";           // tags read each other through has_tag
    public const string TooLarge = "TX011";        // over a size limit
}

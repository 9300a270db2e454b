namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// A problem found while compiling a tag expression. <paramref name="Line"/> and
/// <paramref name="Column"/> are 1-based; columns count UTF-16 code units (one per Chinese character).
/// <paramref name="Code"/> is one of <see cref="DiagnosticCodes"/>; the message says what was expected.
/// </summary>
public sealed record Diagnostic(int Line, int Column, string Code, string Message)
{
    public override string ToString() => $"{Line}:{Column}: {Code}: {Message}";
}

namespace LiveProfile.Engine.Segments;

/// <summary>A segment expression that cannot be used, with a stable code and the position it refers to.</summary>
public sealed class SegmentSyntaxException(string code, int position, string message) : Exception(message)
{
    /// <summary><c>segment_syntax</c>, <c>unknown_tag</c> or <c>segment_too_complex</c>.</summary>
    public string Code { get; } = code;

    /// <summary>Zero-based character offset in the expression.</summary>
    public int Position { get; } = position;
}

/// <summary>The stable codes of <see cref="SegmentSyntaxException"/>.</summary>
public static class SegmentErrorCodes
{
    public const string Syntax = "segment_syntax";
    public const string UnknownTag = "unknown_tag";
    public const string TooComplex = "segment_too_complex";
}

namespace LiveProfile.Engine.Tags.Language;

/// <summary>Maps offsets of a source text to 1-based line and column.</summary>
internal sealed class SourcePosition
{
    private readonly int[] _lineStarts;

    public SourcePosition(string source)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n') starts.Add(i + 1);
        }
        _lineStarts = [.. starts];
    }

    public (int Line, int Column) At(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0) index = ~index - 1;
        return (index + 1, offset - _lineStarts[index] + 1);
    }

    public Diagnostic Diagnostic(int offset, string code, string message)
    {
        var (line, column) = At(offset);
        return new Diagnostic(line, column, code, message);
    }
}

namespace LiveProfile.Engine.Tags.Language;

public enum ExplainedFactKind : byte
{
    /// <summary>A function call: its name, arguments and value.</summary>
    Call = 0,
    /// <summary>A comparison: its operands' values, the operator and whether it held.</summary>
    Comparison = 1,
}

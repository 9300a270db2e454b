namespace LiveProfile.Engine.Tags.Language;

/// <summary>A parameter of a catalogue function. Arguments are compile-time constants (literals, $parameters or arithmetic on them).</summary>
public sealed class FunctionParameter
{
    internal FunctionParameter(string name, TagValueType type, ArgumentKind kind, bool isOptional, string doc)
    {
        Name = name;
        Type = type;
        Kind = kind;
        IsOptional = isOptional;
        Doc = doc;
    }

    public string Name { get; }

    public TagValueType Type { get; }

    /// <summary>Trailing parameters may be optional; the function documents what omitting it means.</summary>
    public bool IsOptional { get; }

    public string Doc { get; }

    internal ArgumentKind Kind { get; }

    public override string ToString() => IsOptional ? $"{Name}?: {Type}" : $"{Name}: {Type}";
}

namespace LiveProfile.Engine.Contract;

/// <summary>
/// The path of a field for error messages (<c>props.items[2].qty</c>), built only when a message is
/// written, so the hot path never formats one.
/// </summary>
internal readonly struct FieldPath(string path, int index = -1, string? leaf = null)
{
    public static implicit operator FieldPath(string path) => new(path);

    public FieldPath At(int i) => new(path, i);

    public FieldPath Leaf(string name) => new(path, index, name);

    public override string ToString() =>
        index < 0 ? (leaf is null ? path : path + "." + leaf)
        : leaf is null ? $"{path}[{index}]" : $"{path}[{index}].{leaf}";
}

using System.Runtime.InteropServices;

namespace LiveProfile.Engine.Features;

/// <summary>
/// Maps strings (category nodes, brands, labels, rooms, sessions, products) to dense ids so that
/// profiles hold 4-byte keys. Ids are stable for the life of a partition and are saved with it.
/// Not thread-safe: a partition is single-writer.
/// </summary>
public sealed class Interner
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public int Count => _names.Count;

    public int Intern(string value)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, value, out var exists);
        if (!exists)
        {
            id = _names.Count;
            _names.Add(value);
        }
        return id;
    }

    public bool TryGet(string value, out int id) => _ids.TryGetValue(value, out id);

    public string Name(int id) => _names[id];

    public void Save(BinaryWriter writer)
    {
        writer.Write(_names.Count);
        foreach (var name in _names) writer.Write(name);
    }

    public static Interner Load(BinaryReader reader)
    {
        var interner = new Interner();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++) interner.Intern(reader.ReadString());
        return interner;
    }
}

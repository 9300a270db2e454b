using System.Collections.Concurrent;

namespace LiveProfile.Engine.Tags;

/// <summary>
/// Process-wide dense keys for tag ids, so a profile holds 4-byte tag keys and every partition
/// and taxonomy version agrees on them. Keys are never reused; checkpoints write tag ids, not keys.
/// </summary>
public static class TagKeys
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static string[] _names = new string[64];
    private static int _count;

    public static int Intern(string id)
    {
        if (Ids.TryGetValue(id, out var key)) return key;
        lock (Gate)
        {
            if (Ids.TryGetValue(id, out key)) return key;
            if (_count == _names.Length)
            {
                var grown = new string[_names.Length * 2];
                _names.CopyTo(grown, 0);
                Volatile.Write(ref _names, grown);
            }
            key = _count;
            _names[key] = id;
            Volatile.Write(ref _count, key + 1);
            Ids[id] = key;
            return key;
        }
    }

    public static bool TryGet(string id, out int key) => Ids.TryGetValue(id, out key);

    public static string Name(int key) => Volatile.Read(ref _names)[key];
}

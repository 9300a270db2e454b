using System.Security.Cryptography;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// 32-byte keys packed into 2 MiB chunks (65,536 keys each): 32 B per key with no object header,
/// and growth never copies (or zero-leaks) what is already there. Freed slots are zeroed and reused.
/// Not thread-safe: the vault's lock guards it.
/// </summary>
internal sealed class KeySlab
{
    public const int KeySize = 32;
    private const int ChunkShift = 16;
    private const int ChunkMask = (1 << ChunkShift) - 1;

    private readonly List<byte[]> _chunks = [];
    private readonly Stack<int> _free = new();
    private int _next;

    public int Allocate(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException("A key is 32 bytes.", nameof(key));
        }

        int slot;
        if (_free.Count > 0)
        {
            slot = _free.Pop();
        }
        else
        {
            slot = _next++;
            if ((slot >> ChunkShift) == _chunks.Count)
            {
                _chunks.Add(new byte[KeySize << ChunkShift]);
            }
        }

        key.CopyTo(Get(slot));
        return slot;
    }

    public Span<byte> Get(int slot) => _chunks[slot >> ChunkShift].AsSpan((slot & ChunkMask) * KeySize, KeySize);

    public void Free(int slot)
    {
        CryptographicOperations.ZeroMemory(Get(slot));
        _free.Push(slot);
    }

    /// <summary>Zeroes every key (on dispose).</summary>
    public void Wipe()
    {
        foreach (var chunk in _chunks)
        {
            CryptographicOperations.ZeroMemory(chunk);
        }

        _chunks.Clear();
        _free.Clear();
        _next = 0;
    }
}

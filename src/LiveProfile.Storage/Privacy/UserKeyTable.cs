namespace LiveProfile.Storage.Privacy;

/// <summary>
/// Open-addressing map keyId → slab slot for one tenant: linear probing over two parallel arrays
/// (8 + 4 bytes a slot, load ≤ 0.8, Fibonacci hashing so non-random key ids spread too), deletion by
/// backward shift so no tombstones accumulate. About 15–30 B per key. Not thread-safe.
/// </summary>
internal sealed class UserKeyTable
{
    private ulong[] _keys;
    private int[] _slots; // slab slot + 1; 0 marks an empty cell
    private int _shift;
    private int _growAt;

    public UserKeyTable(int capacity = 16)
    {
        var size = 16;
        while (size * 4 / 5 < capacity)
        {
            size *= 2;
        }

        _keys = new ulong[size];
        _slots = new int[size];
        SetSize(size);
    }

    public int Count { get; private set; }

    public int Capacity => _keys.Length;

    public bool TryGet(ulong keyId, out int slot)
    {
        var mask = _keys.Length - 1;
        for (var i = Home(keyId); ; i = (i + 1) & mask)
        {
            var s = _slots[i];
            if (s == 0)
            {
                slot = -1;
                return false;
            }

            if (_keys[i] == keyId)
            {
                slot = s - 1;
                return true;
            }
        }
    }

    /// <summary>Adds a key id that is not in the table.</summary>
    public void Add(ulong keyId, int slot)
    {
        if (Count >= _growAt)
        {
            Grow();
        }

        Insert(keyId, slot);
        Count++;
    }

    public bool Remove(ulong keyId, out int slot)
    {
        var mask = _keys.Length - 1;
        var i = Home(keyId);
        while (true)
        {
            if (_slots[i] == 0)
            {
                slot = -1;
                return false;
            }

            if (_keys[i] == keyId)
            {
                break;
            }

            i = (i + 1) & mask;
        }

        slot = _slots[i] - 1;
        var hole = i;
        var j = i;
        while (true)
        {
            j = (j + 1) & mask;
            if (_slots[j] == 0)
            {
                break;
            }

            var home = Home(_keys[j]);
            var stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (stays)
            {
                continue;
            }

            _keys[hole] = _keys[j];
            _slots[hole] = _slots[j];
            hole = j;
        }

        _keys[hole] = 0;
        _slots[hole] = 0;
        Count--;
        return true;
    }

    /// <summary>The entry in cell <paramref name="index"/> (0 ≤ index &lt; <see cref="Capacity"/>), for iteration.</summary>
    public bool TryGetAt(int index, out ulong keyId, out int slot)
    {
        keyId = _keys[index];
        slot = _slots[index] - 1;
        return slot >= 0;
    }

    private int Home(ulong keyId) => (int)((keyId * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Insert(ulong keyId, int slot)
    {
        var mask = _keys.Length - 1;
        var i = Home(keyId);
        while (_slots[i] != 0)
        {
            i = (i + 1) & mask;
        }

        _keys[i] = keyId;
        _slots[i] = slot + 1;
    }

    private void Grow()
    {
        var keys = _keys;
        var slots = _slots;
        _keys = new ulong[keys.Length * 2];
        _slots = new int[keys.Length * 2];
        SetSize(_keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            if (slots[i] != 0)
            {
                Insert(keys[i], slots[i] - 1);
            }
        }
    }

    private void SetSize(int size)
    {
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        _growAt = size / 5 * 4;
    }
}

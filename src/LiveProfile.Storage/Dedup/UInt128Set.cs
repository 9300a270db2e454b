namespace LiveProfile.Storage.Dedup;

/// <summary>
/// A set of 128-bit hashes: open addressing with linear probing over one <see cref="UInt128"/>
/// array (16 B a cell, load ≤ 0.75, so ~21–43 B per entry depending on where it is between two
/// doublings), deletion by backward shift. The hashes are uniform already, so the low bits index
/// directly. 0 marks an empty cell: a hash of 0 is stored as 1 (a collision of probability 2⁻¹²⁸).
/// Not thread-safe.
/// </summary>
internal sealed class UInt128Set
{
    private UInt128[] _cells;
    private int _mask;

    public UInt128Set(int capacity = 0)
    {
        var size = 16;
        while (size / 4 * 3 < capacity)
        {
            size *= 2;
        }

        _cells = new UInt128[size];
        _mask = size - 1;
    }

    public int Count { get; private set; }

    public bool Contains(UInt128 hash) => Find(Fix(hash)) >= 0;

    /// <summary>Adds the hash; false if it was there.</summary>
    public bool Add(UInt128 hash)
    {
        hash = Fix(hash);
        if (Find(hash) >= 0)
        {
            return false;
        }

        if (Count >= _cells.Length / 4 * 3)
        {
            Grow();
        }

        Insert(hash);
        Count++;
        return true;
    }

    public bool Remove(UInt128 hash)
    {
        var hole = Find(Fix(hash));
        if (hole < 0)
        {
            return false;
        }

        var j = hole;
        while (true)
        {
            j = (j + 1) & _mask;
            var cell = _cells[j];
            if (cell == UInt128.Zero)
            {
                break;
            }

            var home = Home(cell);
            var stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays)
            {
                _cells[hole] = cell;
                hole = j;
            }
        }

        _cells[hole] = UInt128.Zero;
        Count--;
        return true;
    }

    /// <summary>The raw cells (0 = empty), for serialisation without a copy.</summary>
    internal ReadOnlySpan<UInt128> Cells => _cells;

    private static UInt128 Fix(UInt128 hash) => hash == UInt128.Zero ? UInt128.One : hash;

    private int Home(UInt128 hash) => (int)(ulong)hash & _mask;

    private int Find(UInt128 hash)
    {
        for (var i = Home(hash); ; i = (i + 1) & _mask)
        {
            var cell = _cells[i];
            if (cell == hash)
            {
                return i;
            }

            if (cell == UInt128.Zero)
            {
                return -1;
            }
        }
    }

    private void Insert(UInt128 hash)
    {
        var i = Home(hash);
        while (_cells[i] != UInt128.Zero)
        {
            i = (i + 1) & _mask;
        }

        _cells[i] = hash;
    }

    private void Grow()
    {
        var old = _cells;
        _cells = new UInt128[old.Length * 2];
        _mask = _cells.Length - 1;
        foreach (var cell in old)
        {
            if (cell != UInt128.Zero)
            {
                Insert(cell);
            }
        }
    }
}

namespace LiveProfile.Storage.Quarantine;

/// <summary>One tenant's entries in seq order, with interned codes and counts per code. Not thread-safe.</summary>
internal sealed class QuarantineTenantIndex
{
    private readonly Dictionary<string, int> _codeIds = new(StringComparer.Ordinal);
    private readonly List<string> _codes = [];
    private readonly List<long> _totals = [];
    private readonly List<long> _pending = [];

    public List<QuarantineIndexEntry> Entries { get; } = [];

    public string CodeOf(int codeId) => _codes[codeId];

    public bool TryGetCodeId(string code, out int codeId) => _codeIds.TryGetValue(code, out codeId);

    public void Add(long seq, long offset, string code)
    {
        if (!_codeIds.TryGetValue(code, out var codeId))
        {
            codeId = _codes.Count;
            _codeIds.Add(code, codeId);
            _codes.Add(code);
            _totals.Add(0);
            _pending.Add(0);
        }

        Entries.Add(new QuarantineIndexEntry { Seq = seq, Offset = offset, CodeId = codeId });
        _totals[codeId]++;
        _pending[codeId]++;
    }

    /// <summary>The position of <paramref name="seq"/> in <see cref="Entries"/>, or the bitwise complement of where it would go.</summary>
    public int IndexOf(long seq)
    {
        int lo = 0, hi = Entries.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var s = Entries[mid].Seq;
            if (s == seq)
            {
                return mid;
            }

            if (s < seq)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    /// <summary>Marks the entry replayed; false if it is unknown or was already.</summary>
    public bool MarkReplayed(long seq)
    {
        var i = IndexOf(seq);
        if (i < 0 || Entries[i].Replayed)
        {
            return false;
        }

        var entry = Entries[i];
        entry.Replayed = true;
        Entries[i] = entry;
        _pending[entry.CodeId]--;
        return true;
    }

    public Dictionary<string, long> Counts(bool pendingOnly)
    {
        var counts = new Dictionary<string, long>(_codes.Count, StringComparer.Ordinal);
        for (var i = 0; i < _codes.Count; i++)
        {
            var n = pendingOnly ? _pending[i] : _totals[i];
            if (n > 0)
            {
                counts.Add(_codes[i], n);
            }
        }

        return counts;
    }
}

using System.Runtime.InteropServices;
using Roaring.Net.CRoaring;

namespace LiveProfile.Engine.Rooms;

/// <summary>
/// The funnel of one product in one live session, as one partition sees it: the viewers who had it on screen, clicked
/// it, put it in the cart and ordered it while in the room. Bitmaps of profile ordinals, so that each stage counts
/// people once and a segment's funnel is an intersection with the segment's bitmap.
/// </summary>
public sealed class ProductFunnel : IDisposable
{
    private readonly Stage _onScreen = new(), _clicked = new(), _carted = new(), _ordered = new();

    public void Saw(int ordinal) => _onScreen.Add(ordinal);

    /// <summary>Everyone in <paramref name="viewers"/> had the product on screen.</summary>
    public void Saw(Roaring32Bitmap viewers) => _onScreen.Members.IOr(viewers);

    public void Clicked(int ordinal) => _clicked.Add(ordinal);

    public void Carted(int ordinal) => _carted.Add(ordinal);

    public void Ordered(int ordinal) => _ordered.Add(ordinal);

    /// <summary>People counted at each stage, or only those in <paramref name="within"/> (a segment's members).</summary>
    /// <summary>Distinct viewers who clicked (the room's momentum for the product).</summary>
    public long ClickedCount => _clicked.Count(null);

    public FunnelCounts Count(Roaring32Bitmap? within) =>
        new(_onScreen.Count(within), _clicked.Count(within), _carted.Count(within), _ordered.Count(within));

    /// <summary>The stages a profile reached (<see cref="FunnelStages"/>).</summary>
    public FunnelStages StagesOf(int ordinal) =>
        (_onScreen.Contains(ordinal) ? FunnelStages.OnScreen : 0) | (_clicked.Contains(ordinal) ? FunnelStages.Clicked : 0)
        | (_carted.Contains(ordinal) ? FunnelStages.Carted : 0) | (_ordered.Contains(ordinal) ? FunnelStages.Ordered : 0);

    /// <summary>Counts a profile at the stages given (a merged profile takes over the other's).</summary>
    public void Add(int ordinal, FunnelStages stages)
    {
        if (stages.HasFlag(FunnelStages.OnScreen)) _onScreen.Add(ordinal);
        if (stages.HasFlag(FunnelStages.Clicked)) _clicked.Add(ordinal);
        if (stages.HasFlag(FunnelStages.Carted)) _carted.Add(ordinal);
        if (stages.HasFlag(FunnelStages.Ordered)) _ordered.Add(ordinal);
    }

    /// <summary>Adds everyone who reached any stage to <paramref name="reached"/>.</summary>
    public void AddPeopleTo(OrdinalSet reached)
    {
        foreach (var stage in (ReadOnlySpan<Stage>)[_onScreen, _clicked, _carted, _ordered])
        {
            if (stage.Count(null) == 0) continue;
            foreach (var ordinal in stage.Members.Values) reached.Add((int)ordinal);
        }
    }

    /// <summary>Checkpoint form: each stage's bitmap in Roaring's portable format (empty stages as a zero length).</summary>
    public void Write(BinaryWriter w)
    {
        _onScreen.Write(w);
        _clicked.Write(w);
        _carted.Write(w);
        _ordered.Write(w);
    }

    public static ProductFunnel Read(BinaryReader r)
    {
        var funnel = new ProductFunnel();
        funnel._onScreen.Read(r);
        funnel._clicked.Read(r);
        funnel._carted.Read(r);
        funnel._ordered.Read(r);
        return funnel;
    }

    /// <summary>Forgets a profile that left the partition: its ordinal may go to someone else.</summary>
    public void Forget(int ordinal)
    {
        _onScreen.Forget(ordinal);
        _clicked.Forget(ordinal);
        _carted.Forget(ordinal);
        _ordered.Forget(ordinal);
    }

    public void Dispose()
    {
        _onScreen.Dispose();
        _clicked.Dispose();
        _carted.Dispose();
        _ordered.Dispose();
    }

    /// <summary>
    /// One stage's people. Ordinals added one by one wait in a small buffer and go into the bitmap together: a native
    /// call per click or per viewer coming in would cost more than everything else the event does. The bitmap and the
    /// buffer exist only once someone reaches the stage (most products of a session never get past the screen).
    /// </summary>
    private sealed class Stage : IDisposable
    {
        private const int Buffered = 256;
        private Roaring32Bitmap? _members;
        private List<uint>? _pending;

        public Roaring32Bitmap Members
        {
            get
            {
                _members ??= new Roaring32Bitmap();
                if (_pending is { Count: > 0 })
                {
                    _members.AddMany(CollectionsMarshal.AsSpan(_pending));
                    _pending.Clear();
                }
                return _members;
            }
        }

        public void Add(int ordinal)
        {
            (_pending ??= new List<uint>(8)).Add((uint)ordinal);
            if (_pending.Count >= Buffered) _ = Members;
        }

        private bool IsEmpty => _members is null && _pending is not { Count: > 0 };

        public long Count(Roaring32Bitmap? within) =>
            IsEmpty ? 0 : within is null ? (long)Members.Count : (long)Members.AndCount(within);

        public bool Contains(int ordinal) => !IsEmpty && Members.Contains((uint)ordinal);

        public void Forget(int ordinal)
        {
            if (!IsEmpty) Members.Remove((uint)ordinal);
        }

        public void Write(BinaryWriter w)
        {
            if (IsEmpty)
            {
                w.Write(0);
                return;
            }
            var bytes = Members.Serialize(SerializationFormat.Portable);
            w.Write(bytes.Length);
            w.Write(bytes);
        }

        /// <summary>Reads what <see cref="Write"/> wrote into this (new) stage.</summary>
        public void Read(BinaryReader r)
        {
            var length = r.ReadInt32();
            if (length < 0) throw new InvalidDataException($"funnel stage of {length} bytes");
            if (length == 0) return;
            var bytes = r.ReadBytes(length);
            if (bytes.Length != length) throw new EndOfStreamException("funnel stage cut short");
            _members = Roaring32Bitmap.Deserialize(bytes, SerializationFormat.Portable);
        }

        public void Dispose() => _members?.Dispose();
    }
}

/// <summary>Stages of a product's funnel one profile reached.</summary>
[Flags]
public enum FunnelStages : byte
{
    OnScreen = 1,
    Clicked = 2,
    Carted = 4,
    Ordered = 8,
}

/// <summary>People at each stage of a product's funnel: on screen → clicked → carted → ordered.</summary>
public readonly record struct FunnelCounts(long OnScreen, long Clicked, long Carted, long Ordered)
{
    public static FunnelCounts operator +(FunnelCounts a, FunnelCounts b) =>
        new(a.OnScreen + b.OnScreen, a.Clicked + b.Clicked, a.Carted + b.Carted, a.Ordered + b.Ordered);
}

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
    public FunnelCounts Count(Roaring32Bitmap? within) =>
        new(_onScreen.Count(within), _clicked.Count(within), _carted.Count(within), _ordered.Count(within));

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

        public long Count(Roaring32Bitmap? within) =>
            _members is null && _pending is not { Count: > 0 } ? 0 : within is null ? (long)Members.Count : (long)Members.AndCount(within);

        public void Forget(int ordinal)
        {
            if (_members is not null || _pending is { Count: > 0 }) Members.Remove((uint)ordinal);
        }

        public void Dispose() => _members?.Dispose();
    }
}

/// <summary>People at each stage of a product's funnel: on screen → clicked → carted → ordered.</summary>
public readonly record struct FunnelCounts(long OnScreen, long Clicked, long Carted, long Ordered)
{
    public static FunnelCounts operator +(FunnelCounts a, FunnelCounts b) =>
        new(a.OnScreen + b.OnScreen, a.Clicked + b.Clicked, a.Carted + b.Carted, a.Ordered + b.Ordered);
}

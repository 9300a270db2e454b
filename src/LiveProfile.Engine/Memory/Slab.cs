namespace LiveProfile.Engine.Memory;

/// <summary>
/// Pooled storage for many small arrays of <typeparamref name="T"/>: blocks of 2^k elements carved
/// out of large segments, freed blocks reused per size class. Profiles keep a handle instead of an
/// array, so millions of profiles are a few large objects to the GC, and growing a profile's state
/// leaves no garbage behind. Single writer, like the partition that owns it.
/// </summary>
public sealed class Slab<T> where T : struct
{
    private const int None = SlabBlocks.None;
    private const int SegmentBits = SlabBlocks.SegmentBits;
    private const int SegmentSize = 1 << SegmentBits; // elements; the largest block
    private const int OffsetMask = SegmentSize - 1;
    private const int MaxSizeClass = SegmentBits;

    private T[][] _segments = new T[4][];
    private int _segmentCount;
    private int _bump = SegmentSize; // forces the first segment
    private readonly Stack<int>[] _free = new Stack<int>[MaxSizeClass + 1];

    public int Allocate(byte sizeClass)
    {
        if (_free[sizeClass] is { Count: > 0 } free) return free.Pop();
        var size = 1 << sizeClass;
        if (_bump + size > SegmentSize)
        {
            if (_segmentCount == _segments.Length) Array.Resize(ref _segments, _segments.Length * 2);
            _segments[_segmentCount++] = new T[SegmentSize];
            _bump = 0;
        }
        var handle = ((_segmentCount - 1) << SegmentBits) | _bump;
        _bump += size;
        return handle;
    }

    public void Free(int handle, byte sizeClass)
    {
        if (handle == None) return;
        Span(handle, 1 << sizeClass).Clear();
        (_free[sizeClass] ??= new Stack<int>()).Push(handle);
    }

    public Span<T> Span(int handle, int length) =>
        handle == None ? [] : _segments[handle >> SegmentBits].AsSpan(handle & OffsetMask, length);

    /// <summary>Moves a block's first <paramref name="used"/> elements into a block of the next size class.</summary>
    public int Grow(int handle, ref byte sizeClass, int used)
    {
        var bigger = (byte)(handle == None ? sizeClass : sizeClass + 1);
        var moved = Allocate(bigger);
        if (handle != None)
        {
            Span(handle, used).CopyTo(Span(moved, used));
            Free(handle, sizeClass);
        }
        sizeClass = bigger;
        return moved;
    }
}

/// <summary>Block sizes of <see cref="Slab{T}"/>: size class k holds 2^k elements.</summary>
public static class SlabBlocks
{
    /// <summary>The handle of no block.</summary>
    public const int None = -1;
    internal const int SegmentBits = 20;

    /// <summary>The smallest size class holding <paramref name="length"/> elements.</summary>
    public static byte ClassFor(int length)
    {
        if (length > 1 << SegmentBits) throw new ArgumentOutOfRangeException(nameof(length), length, "too many elements for one block");
        var cls = length <= 1 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(length - 1));
        return (byte)cls;
    }

    public static int Capacity(byte sizeClass) => 1 << sizeClass;
}

using LiveProfile.Storage.IO;

namespace LiveProfile.Storage.Log;

/// <summary>Per-thread buffer where <see cref="EventLog.Append"/> encodes a batch before taking the lock.</summary>
internal sealed class EncodeScratch
{
    private const int KeepBytes = 4 * 1024 * 1024;

    [ThreadStatic]
    private static EncodeScratch? t_current;

    public ByteWriter Buffer { get; private set; } = new(64 * 1024);

    /// <summary>End offset in <see cref="Buffer"/> of each encoded payload.</summary>
    public List<int> Ends { get; } = [];

    public static EncodeScratch Rent()
    {
        EncodeScratch scratch = t_current ??= new EncodeScratch();
        scratch.Buffer.Clear();
        scratch.Ends.Clear();
        return scratch;
    }

    /// <summary>Drops a buffer that a huge batch grew, so one burst does not pin memory on every thread.</summary>
    public void Trim()
    {
        if (Buffer.Capacity > KeepBytes)
        {
            Buffer = new ByteWriter(64 * 1024);
        }

        if (Ends.Capacity > 64 * 1024)
        {
            Ends.Clear();
            Ends.Capacity = 1024;
        }
    }
}

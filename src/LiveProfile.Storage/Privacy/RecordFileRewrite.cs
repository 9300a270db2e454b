using LiveProfile.Storage.IO;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// An atomic replacement of a <see cref="RecordFile"/>: records go to <c>&lt;file&gt;.tmp</c> (mode
/// 0600), and <see cref="Commit"/> fsyncs it, renames it over the file, fsyncs the directory and
/// swaps the open handle. Disposed without a commit, the temporary file is deleted and the old file
/// stays as it was.
/// </summary>
internal sealed class RecordFileRewrite : IDisposable
{
    private const int FlushThreshold = 1 << 20;

    private readonly RecordFile _owner;
    private readonly string _tmpPath;
    private FileStream? _stream;
    private long _written;

    internal RecordFileRewrite(RecordFile owner, string tmpPath, ReadOnlySpan<byte> magic)
    {
        _owner = owner;
        _tmpPath = tmpPath;
        _stream = PrivateFiles.Open(tmpPath, FileMode.Create);
        RandomAccess.Write(_stream.SafeFileHandle, magic, 0);
        _written = magic.Length;
    }

    /// <summary>Where to frame the records (<see cref="RecordFile.BeginRecord"/>); call <see cref="FlushIfLarge"/> now and then.</summary>
    public ByteWriter Buffer { get; } = new(64 * 1024, sensitive: true);

    public void FlushIfLarge()
    {
        if (Buffer.Length >= FlushThreshold)
        {
            WriteBuffer();
        }
    }

    public void Commit()
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(RecordFileRewrite));
        WriteBuffer();
        RandomAccess.FlushToDisk(stream.SafeFileHandle);
        var directory = Path.GetDirectoryName(Path.GetFullPath(_owner.FilePath))!;
        if (OperatingSystem.IsWindows())
        {
            stream.Dispose();
            _owner.ReleaseForReplace();
            File.Move(_tmpPath, _owner.FilePath, overwrite: true);
            stream = PrivateFiles.Open(_owner.FilePath, FileMode.Open);
        }
        else
        {
            // rename(2) over the old file while both are open: the lock on the new inode is never released.
            File.Move(_tmpPath, _owner.FilePath, overwrite: true);
        }

        _stream = null;
        _owner.ReplaceStream(stream, _written);
        DirectorySync.Fsync(directory);
    }

    public void Dispose()
    {
        Buffer.Clear();
        if (_stream is null)
        {
            return;
        }

        _stream.Dispose();
        _stream = null;
        File.Delete(_tmpPath);
    }

    private void WriteBuffer()
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(RecordFileRewrite));
        RandomAccess.Write(stream.SafeFileHandle, Buffer.WrittenSpan, _written);
        _written += Buffer.Length;
        Buffer.Clear();
    }
}

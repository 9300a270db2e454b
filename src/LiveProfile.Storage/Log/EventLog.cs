using LiveProfile.Engine.Contract;
using LiveProfile.Storage.IO;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace LiveProfile.Storage.Log;

/// <summary>
/// The embedded durable event log: segmented files of CRC-framed records (<see cref="RecordFormat"/>)
/// carrying <see cref="EventCodec"/> payloads, with consecutive LSNs from 1.
/// <para>
/// <see cref="Append"/> frames records into an in-memory pending buffer and returns at once; a
/// background flusher thread writes everything pending with one pwrite per segment run and one fsync,
/// then completes every <see cref="WaitDurableAsync"/> up to the LSN it made durable (group commit).
/// A failed write or fsync stops the log for good (<see cref="LogFailedException"/>).
/// </para>
/// <para>Thread-safe. The directory is locked against a second open, in this or another process.</para>
/// </summary>
public sealed partial class EventLog : IAsyncDisposable, IDisposable
{
    private const int ChunkTargetBytes = 4 * 1024 * 1024;
    private const int ChunkInitialBytes = 64 * 1024;
    private const int MaxFreeChunks = 8;

    private readonly string _directory;
    private readonly EventLogOptions _options;
    private readonly ILogger _logger;
    private readonly FileStream _lockFile;
    private readonly Lock _gate = new();

    // Guarded by _gate: the append side.
    private long _lastLsn;
    private long _appendSegmentFirstLsn;
    private long _appendSegmentBytes;
    private List<PendingChunk> _pending = [];
    private List<PendingChunk> _spare = [];
    private readonly Stack<PendingChunk> _freeChunks = new();
    private readonly List<SegmentInfo> _segments;

    // Guarded by _gate: durability and lifecycle.
    private long _durableLsn;
    private long _inFlightLastLsn;
    private TaskCompletionSource _inFlightSignal = NewSignal();
    private TaskCompletionSource _nextSignal = NewSignal();
    private Exception? _failure;
    private bool _stopping;
    private bool _flusherIdle = true;

    // Owned by the flusher thread (and by Open/Dispose before it starts and after it stops).
    private SafeFileHandle _activeHandle;
    private long _activeFirstLsn;
    private long _activeLength;
    private bool _activeUnsynced;
    private readonly Thread _flusher;
    private readonly AutoResetEvent _wake = new(false);
    private readonly TaskCompletionSource _flusherExited = NewSignal();

    private long _fsyncCount;
    private long _bytesWritten;
    private int _disposed;

    private EventLog(
        string directory, EventLogOptions options, ILogger logger, FileStream lockFile,
        List<SegmentInfo> segments, SafeFileHandle activeHandle, long activeLength, long lastLsn)
    {
        _directory = directory;
        _options = options;
        _logger = logger;
        _lockFile = lockFile;
        _segments = segments;
        _activeHandle = activeHandle;
        _activeFirstLsn = segments[^1].FirstLsn;
        _activeLength = activeLength;
        _appendSegmentFirstLsn = _activeFirstLsn;
        _appendSegmentBytes = activeLength;
        _lastLsn = lastLsn;
        _durableLsn = lastLsn;
        _inFlightLastLsn = lastLsn;
        _inFlightSignal.SetResult();
        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "LiveProfile event log flusher" };
        _flusher.Start();
    }

    /// <summary>The LSN of the last appended record (0 when the log has never held one).</summary>
    public long LastLsn => Interlocked.Read(ref _lastLsn);

    /// <summary>Every record up to this LSN is written and fsynced.</summary>
    public long DurableLsn => Interlocked.Read(ref _durableLsn);

    /// <summary>The oldest LSN still kept (segments before it were deleted); LastLsn + 1 when none is.</summary>
    public long FirstLsn
    {
        get
        {
            lock (_gate)
            {
                return _segments[0].FirstLsn;
            }
        }
    }

    /// <summary>Bytes written to segment files by this instance.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>fsync calls on segment files by the flusher (not counting directory fsyncs).</summary>
    public long FsyncCount => Interlocked.Read(ref _fsyncCount);

    /// <summary>The number of segment files.</summary>
    public int SegmentCount
    {
        get
        {
            lock (_gate)
            {
                return _segments.Count;
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="batch"/> (all or nothing), assigning consecutive LSNs in order, and
    /// returns the LSN of its last record (<see cref="LastLsn"/> for an empty batch). Does not wait for
    /// the disk: await <see cref="WaitDurableAsync"/> with the result before acknowledging. The batch
    /// is atomic on disk too: its last record carries the end-of-batch flag, and recovery drops a
    /// batch whose flagged record did not make it, so a crash keeps all of it or none.
    /// </summary>
    /// <exception cref="InvalidOperationException">An event still carries raw PII.</exception>
    /// <exception cref="ArgumentException">An event is null or cannot be encoded, or is larger than 16 MiB.</exception>
    /// <exception cref="LogFailedException">The log has failed.</exception>
    /// <exception cref="ObjectDisposedException">The log is disposed.</exception>
    public long Append(IReadOnlyList<EventRecord> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // Encode outside the lock, so appenders encode in parallel and a bad event leaves no trace.
        EncodeScratch scratch = EncodeScratch.Rent();
        int count = batch.Count;
        for (int i = 0; i < count; i++)
        {
            EventRecord e = batch[i] ?? throw new ArgumentException($"Event {i} of the batch is null.", nameof(batch));
            int before = scratch.Buffer.Length;
            EventCodec.Write(e, scratch.Buffer);
            if (scratch.Buffer.Length - before > RecordFormat.MaxPayloadBytes)
            {
                throw new ArgumentException($"Event '{e.Id}' encodes to more than {RecordFormat.MaxPayloadBytes} bytes.", nameof(batch));
            }

            scratch.Ends.Add(scratch.Buffer.Length);
        }

        long last;
        bool wake;
        lock (_gate)
        {
            ThrowIfUnusable();
            if (_lastLsn > RecordFormat.MaxLsn - count)
            {
                throw new InvalidOperationException($"The event log has run out of LSNs (last is {_lastLsn}).");
            }

            ReadOnlySpan<byte> encoded = scratch.Buffer.WrittenSpan;
            long lsn = _lastLsn;

            // Roll only between batches, never inside one: then every segment but the last ends with
            // an end-of-batch record, and recovery never has to cut back across a segment boundary. A
            // batch bigger than a segment gets a segment to itself, larger than SegmentBytes.
            long batchBytes = encoded.Length + ((long)RecordFormat.HeaderBytes * count);
            if (count > 0 && _appendSegmentBytes > 0 && _appendSegmentBytes + batchBytes > _options.SegmentBytes)
            {
                _appendSegmentFirstLsn = lsn + 1;
                _appendSegmentBytes = 0;
            }

            int start = 0;
            for (int i = 0; i < count; i++)
            {
                int end = scratch.Ends[i];
                ReadOnlySpan<byte> payload = encoded[start..end];
                start = end;
                lsn++;
                int recordBytes = RecordFormat.HeaderBytes + payload.Length;
                ChunkFor(recordBytes).AppendRecord(lsn, payload, endOfBatch: i == count - 1);
            }

            _appendSegmentBytes += batchBytes;

            Interlocked.Exchange(ref _lastLsn, lsn);
            last = lsn;
            wake = count > 0 && _flusherIdle;
            if (wake)
            {
                _flusherIdle = false;
            }
        }

        if (wake)
        {
            _wake.Set();
        }

        scratch.Trim();
        return last;
    }

    /// <summary>
    /// Completes when every record up to <paramref name="lsn"/> is written and fsynced. Completes
    /// synchronously when it already is.
    /// </summary>
    /// <exception cref="LogFailedException">The log failed before <paramref name="lsn"/> became durable.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lsn"/> has not been appended.</exception>
    public ValueTask WaitDurableAsync(long lsn, CancellationToken ct = default)
    {
        if (lsn <= Interlocked.Read(ref _durableLsn))
        {
            return ValueTask.CompletedTask;
        }

        return new ValueTask(WaitDurableSlowAsync(lsn, ct));
    }

    /// <summary>
    /// Deletes whole segments all of whose records are below <paramref name="lsn"/> (for example after a
    /// snapshot recorded position <paramref name="lsn"/> − 1). The active segment is never deleted.
    /// Returns how many segments were deleted.
    /// </summary>
    public int DeleteSegmentsBefore(long lsn)
    {
        List<SegmentInfo> doomed = [];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            while (_segments.Count > 1 && _segments[1].FirstLsn <= lsn)
            {
                doomed.Add(_segments[0]);
                _segments.RemoveAt(0);
            }
        }

        if (doomed.Count == 0)
        {
            return 0;
        }

        foreach (SegmentInfo segment in doomed)
        {
            File.Delete(segment.Path);
        }

        DirectorySync.Fsync(_directory);
        EventLogMessages.SegmentsDeleted(_logger, doomed.Count, lsn);
        return doomed.Count;
    }

    /// <summary>Flushes everything appended, waits for it to be durable, stops the flusher and closes the files.</summary>
    public void Dispose()
    {
        if (BeginStop())
        {
            _flusher.Join();
            CloseFiles();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (BeginStop())
        {
            await _flusherExited.Task.ConfigureAwait(false);
            _flusher.Join();
            CloseFiles();
        }
    }

    private async Task WaitDurableSlowAsync(long lsn, CancellationToken ct)
    {
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (lsn <= _durableLsn)
                {
                    return;
                }

                if (_failure is not null)
                {
                    throw Failed();
                }

                if (lsn > _lastLsn)
                {
                    throw new ArgumentOutOfRangeException(nameof(lsn), lsn, $"LSN {lsn} has not been appended (last is {_lastLsn}).");
                }

                signal = lsn <= _inFlightLastLsn ? _inFlightSignal.Task : _nextSignal.Task;
            }

            await signal.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private PendingChunk ChunkFor(int recordBytes)
    {
        if (_pending.Count > 0)
        {
            PendingChunk last = _pending[^1];
            if (last.SegmentFirstLsn == _appendSegmentFirstLsn && last.Length + recordBytes <= Math.Max(ChunkTargetBytes, recordBytes))
            {
                return last;
            }
        }

        PendingChunk chunk = _freeChunks.Count > 0 ? _freeChunks.Pop() : new PendingChunk(ChunkInitialBytes);
        chunk.Reset(_appendSegmentFirstLsn);
        _pending.Add(chunk);
        return chunk;
    }

    private void ThrowIfUnusable()
    {
        if (_failure is not null)
        {
            throw Failed();
        }

        ObjectDisposedException.ThrowIf(_stopping, this);
    }

    private LogFailedException Failed() =>
        new($"The event log has failed after a write or fsync error and accepts no more writes (durable up to LSN {_durableLsn}); restart to recover.", _failure!);

    private bool BeginStop()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return false;
        }

        lock (_gate)
        {
            _stopping = true;
        }

        _wake.Set();
        return true;
    }

    private void CloseFiles()
    {
        // _wake is deliberately not disposed: an Append that passed its lock just before Dispose may
        // still Set it, and an undisposed AutoResetEvent costs nothing once unreferenced.
        _activeHandle.Dispose();
        _lockFile.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

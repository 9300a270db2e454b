using LiveProfile.Storage.IO;

namespace LiveProfile.Storage.Log;

public sealed partial class EventLog
{
    /// <summary>
    /// The flusher thread: takes all pending chunks, writes them (rolling to new segments where the
    /// append side decided), fsyncs once, publishes the durable LSN and wakes its waiters. Appends that
    /// arrive during an fsync pile up and share the next one.
    /// </summary>
    private void FlushLoop()
    {
        try
        {
            while (true)
            {
                _wake.WaitOne();
                TimeSpan delay = _options.FlushDelay;
                if (delay > TimeSpan.Zero && !Volatile.Read(ref _stopping))
                {
                    Thread.Sleep(delay);
                }

                if (!FlushPending())
                {
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
        finally
        {
            _flusherExited.TrySetResult();
        }
    }

    /// <summary>Flushes until nothing is pending. Returns false when the flusher should exit (stopped or failed).</summary>
    private bool FlushPending()
    {
        while (true)
        {
            List<PendingChunk> work;
            long target;
            lock (_gate)
            {
                if (_failure is not null)
                {
                    return false;
                }

                if (_pending.Count == 0)
                {
                    _flusherIdle = true;
                    return !_stopping;
                }

                work = _pending;
                _pending = _spare;
                target = _lastLsn;
                _inFlightSignal = _nextSignal;
                _nextSignal = NewSignal();
                _inFlightLastLsn = target;
            }

            try
            {
                WriteAndSync(work);
            }
            catch (Exception ex)
            {
                Fail(ex);
                return false;
            }

            TaskCompletionSource done;
            lock (_gate)
            {
                Interlocked.Exchange(ref _durableLsn, target);
                done = _inFlightSignal;
                foreach (PendingChunk chunk in work)
                {
                    if (_freeChunks.Count < MaxFreeChunks && chunk.Capacity <= 2 * ChunkTargetBytes)
                    {
                        _freeChunks.Push(chunk);
                    }
                }

                work.Clear();
                _spare = work;
            }

            done.TrySetResult();
        }
    }

    private void WriteAndSync(List<PendingChunk> work)
    {
        foreach (PendingChunk chunk in work)
        {
            if (chunk.SegmentFirstLsn != _activeFirstLsn)
            {
                Roll(chunk.SegmentFirstLsn);
            }

            _options.FaultInjection?.Invoke("write");
            RandomAccess.Write(_activeHandle, chunk.Span, _activeLength);
            _activeLength += chunk.Length;
            _activeUnsynced = true;
            Interlocked.Add(ref _bytesWritten, chunk.Length);
        }

        SyncActive();
    }

    /// <summary>
    /// Closes the active segment (fsynced first, so a non-last segment is always complete on disk and,
    /// as the append side rolls only between batches, ends with an end-of-batch record) and creates the
    /// next one, fsyncing the directory so its entry survives a crash.
    /// </summary>
    private void Roll(long firstLsn)
    {
        SyncActive();
        var segment = new SegmentInfo(firstLsn, Path.Combine(_directory, RecordFormat.SegmentFileName(firstLsn)));
        _options.FaultInjection?.Invoke("create");
        var handle = File.OpenHandle(segment.Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            DirectorySync.Fsync(_directory);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        _activeHandle.Dispose();
        _activeHandle = handle;
        _activeFirstLsn = firstLsn;
        _activeLength = 0;
        _activeUnsynced = false;
        lock (_gate)
        {
            _segments.Add(segment);
        }

        EventLogMessages.Rolled(_logger, segment.Name);
    }

    private void SyncActive()
    {
        if (!_activeUnsynced)
        {
            return;
        }

        _options.FaultInjection?.Invoke("fsync");
        RandomAccess.FlushToDisk(_activeHandle);
        _activeUnsynced = false;
        Interlocked.Increment(ref _fsyncCount);
    }

    /// <summary>Fail-stop: remember the error, wake every waiter (they then throw) and refuse all later appends.</summary>
    private void Fail(Exception ex)
    {
        long durable;
        bool first;
        lock (_gate)
        {
            first = _failure is null;
            durable = _durableLsn;
        }
        // Reported before anyone can see the failure: whoever observes it (a waiter, an append) finds the reason logged.
        if (first) EventLogMessages.LogFailed(_logger, ex, durable);

        TaskCompletionSource inFlight, next;
        lock (_gate)
        {
            _failure ??= ex;
            inFlight = _inFlightSignal;
            next = _nextSignal;
        }
        inFlight.TrySetResult();
        next.TrySetResult();
    }
}

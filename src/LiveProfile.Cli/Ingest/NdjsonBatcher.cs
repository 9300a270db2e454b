using System.Buffers;

namespace LiveProfile.Cli.Ingest;

/// <summary>
/// Cuts an NDJSON stream into request-sized batches of whole lines without decoding them: at most
/// <c>maxEvents</c> non-blank lines and <c>maxBytes</c> bytes each. A line that can never fit is
/// skipped without being buffered whole and reported as its own batch (<see cref="NdjsonBatch.OversizeLine"/>).
/// </summary>
internal sealed class NdjsonBatcher
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly Stream _input;
    private readonly int _maxEvents;
    private readonly int _maxBytes;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;   // unconsumed bytes are _buffer[_start.._end]
    private int _end;
    private bool _eof;
    private long _line;   // lines consumed so far
    private long _offset; // bytes consumed so far
    private long? _pendingOversize; // an oversize line found after lines that still had to go out

    public NdjsonBatcher(Stream input, int maxEvents, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 2);
        _input = input;
        _maxEvents = maxEvents;
        _maxBytes = maxBytes;
    }

    /// <summary>The next batch, or null at the end of the input.</summary>
    public async ValueTask<NdjsonBatch?> NextAsync(CancellationToken ct)
    {
        if (_pendingOversize is { } pending)
        {
            _pendingOversize = null;
            return Oversize(pending);
        }

        var payload = new ArrayBufferWriter<byte>(Math.Min(_maxBytes, 256 * 1024));
        var firstLine = _line + 1;
        int lines = 0, events = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline < 0 && !_eof)
            {
                if (_end - _start >= _maxBytes + (_line == 0 ? Bom.Length : 0))
                {
                    // No end in sight within the limit: skip the rest of this line.
                    await SkipLineAsync(ct).ConfigureAwait(false);
                    if (lines == 0) return Oversize(_line);
                    _pendingOversize = _line;
                    return Batch();
                }
                await FillAsync(ct).ConfigureAwait(false);
                continue;
            }
            if (newline < 0 && _start == _end) return lines > 0 ? Batch() : null; // end of input

            var length = newline >= 0 ? newline : _end - _start; // the last line may lack its '\n'
            var consumed = newline >= 0 ? newline + 1 : length;
            var line = _buffer.AsSpan(_start, length);
            var skip = _line == 0 && line.StartsWith(Bom) ? Bom.Length : 0;
            line = line[skip..];
            if (line.Length + 1 > _maxBytes)
            {
                Consume(consumed);
                if (lines == 0) return Oversize(_line);
                _pendingOversize = _line;
                return Batch();
            }

            var blank = IsBlank(line);
            if (lines > 0 && ((!blank && events == _maxEvents) || payload.WrittenCount + line.Length + 1 > _maxBytes))
            {
                return Batch(); // this line starts the next batch
            }
            payload.Write(line);
            payload.Write("\n"u8);
            lines++;
            if (!blank) events++;
            Consume(consumed);
        }

        NdjsonBatch Batch() => new()
        {
            Payload = payload.WrittenMemory, FirstLine = firstLine, Lines = lines, Events = events, EndOffset = _offset,
        };
    }

    private NdjsonBatch Oversize(long line) => new()
    {
        Payload = ReadOnlyMemory<byte>.Empty, FirstLine = line, Lines = 0, Events = 0, EndOffset = _offset, OversizeLine = line,
    };

    private void Consume(int bytes)
    {
        _start += bytes;
        _offset += bytes;
        _line++;
    }

    /// <summary>Discards input up to and including the next '\n' (or the end), holding at most one buffer.</summary>
    private async ValueTask SkipLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                Consume(newline + 1);
                return;
            }
            _offset += _end - _start;
            _start = _end;
            if (_eof)
            {
                _line++;
                return;
            }
            await FillAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Reads more input, moving the unconsumed tail to the front and growing up to one line of the limit.</summary>
    private async ValueTask FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min((long)_maxBytes + Bom.Length + 1, _buffer.Length * 2L));
        }
        var read = await _input.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
        if (read == 0) _eof = true;
        _end += read;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;
}

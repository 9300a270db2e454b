using LiveProfile.Cli.Http;

namespace LiveProfile.Cli.Ingest;

/// <summary>Running totals of an ingest, in input line numbers.</summary>
internal sealed class IngestSummary
{
    public const int ListedRejections = 20;
    public const string TooLongCode = "event_too_large"; // the server's code for the same fault

    private readonly List<RejectedLine> _firstRejections = [];
    private readonly List<string> _failures = [];

    public long LinesSent { get; private set; }
    public long Accepted { get; private set; }
    public long Duplicates { get; private set; }
    public long Rejected { get; private set; }
    public long Unanswered { get; private set; }
    public int Batches { get; private set; }
    public int FailedBatches { get; private set; }
    public long BytesRead { get; private set; }
    public SortedDictionary<string, long> RejectedByCode { get; } = new(StringComparer.Ordinal);
    public IReadOnlyList<RejectedLine> FirstRejections => _firstRejections;
    public IReadOnlyList<string> Failures => _failures;
    public bool AllAnswered => FailedBatches == 0;

    /// <summary>Counts a 200 answer, moving its line numbers from the request to the input.</summary>
    public void AddAnswer(NdjsonBatch batch, IngestAnswer answer)
    {
        Batches++;
        LinesSent += batch.Events;
        Accepted += answer.Accepted;
        Duplicates += answer.Duplicates;
        foreach (var r in answer.Rejected ?? [])
        {
            Reject(new RejectedLine(batch.FileLine(r.Line), r.Id, r.Code, r.Message));
        }
        BytesRead = batch.EndOffset;
    }

    /// <summary>Counts a batch without a 200 answer: its lines are neither accepted nor rejected.</summary>
    public void AddFailure(NdjsonBatch batch, string reason)
    {
        Batches++;
        FailedBatches++;
        LinesSent += batch.Events;
        Unanswered += batch.Events;
        if (_failures.Count < ListedRejections)
        {
            _failures.Add($"lines {batch.FirstLine}-{batch.FileLine(batch.Lines)}: {reason}");
        }
        BytesRead = batch.EndOffset;
    }

    /// <summary>Counts a line that was never sent because no request can hold it.</summary>
    public void AddOversize(NdjsonBatch batch, int maxBytes)
    {
        Reject(new RejectedLine(batch.OversizeLine!.Value, null, TooLongCode, $"the line does not fit a request of {maxBytes} bytes; not sent"));
        BytesRead = batch.EndOffset;
    }

    public void Skip(NdjsonBatch batch) => BytesRead = batch.EndOffset;

    private void Reject(RejectedLine line)
    {
        Rejected++;
        RejectedByCode[line.Code] = RejectedByCode.GetValueOrDefault(line.Code) + 1;
        if (_firstRejections.Count < ListedRejections) _firstRejections.Add(line);
    }
}

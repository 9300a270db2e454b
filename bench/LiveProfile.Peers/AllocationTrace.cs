using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace LiveProfile.Peers;

/// <summary>
/// Bytes allocated per type while started, from the runtime's allocation ticks (an event about every 100 KB allocated,
/// naming the type whose allocation crossed the mark): a sample, good for shares rather than exact bytes.
/// </summary>
internal sealed class AllocationTrace : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _started;

    public void Start() => _started = true;

    public void Stop() => _started = false;

    public long Total => _bytes.Values.Sum();

    /// <summary>The types with the most bytes, most first.</summary>
    public IEnumerable<(string Type, long Bytes)> Top(int count) =>
        _bytes.OrderByDescending(b => b.Value).Take(count).Select(b => (b.Key, b.Value));

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_started || e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null || e.PayloadNames is null) return;
        var type = e.Payload[e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var bytes = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type, bytes, (_, total) => total + bytes);
    }
}

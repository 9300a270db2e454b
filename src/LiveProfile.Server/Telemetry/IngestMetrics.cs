using LiveProfile.Cluster;
using System.Diagnostics.Metrics;

namespace LiveProfile.Server.Telemetry;

/// <summary>LiveProfile's own instruments, exported at <c>/metrics</c> in Prometheus text.</summary>
internal sealed class IngestMetrics : IDisposable
{
    public const string MeterName = "LiveProfile";
    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _ackLatency;

    public IngestMetrics(IMeterFactory factory, PartitionCounts partitions)
    {
        _meter = factory.Create(MeterName);
        _meter.CreateObservableGauge("liveprofile.profiles", () => partitions.Profiles, "{profile}", "Profiles held by the partitions");
        _accepted = _meter.CreateCounter<long>("liveprofile.ingest.accepted", "{event}", "Events accepted and durable");
        _duplicates = _meter.CreateCounter<long>("liveprofile.ingest.duplicates", "{event}", "Events recognised as duplicates and not applied");
        _rejected = _meter.CreateCounter<long>("liveprofile.ingest.rejected", "{event}", "Events rejected, by code");
        _ackLatency = _meter.CreateHistogram<double>("liveprofile.ingest.ack_latency", "ms", "From request received to durable acknowledgement");
    }

    public void Accepted(long n) => _accepted.Add(n);
    public void Duplicates(long n) => _duplicates.Add(n);
    public void Rejected(string code) => _rejected.Add(1, new KeyValuePair<string, object?>("code", code));
    public void AckLatency(double ms) => _ackLatency.Record(ms);

    /// <summary>Gauges read from the pipeline when scraped.</summary>
    public void Observe(Func<long> logBytes, Func<long> applyLag, Func<long> durableLsn)
    {
        _meter.CreateObservableGauge("liveprofile.log.bytes", logBytes, "By", "Bytes written to the event log since start");
        _meter.CreateObservableGauge("liveprofile.partition.lag", applyLag, "{event}", "Events durable in the log but not yet applied to partitions");
        _meter.CreateObservableGauge("liveprofile.log.durable_lsn", durableLsn, "{event}", "Last durable log position");
    }

    public void Dispose() => _meter.Dispose();
}

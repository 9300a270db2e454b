using BenchmarkDotNet.Attributes;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Benchmarks;

/// <summary>
/// Parsing and validating one full request (10,000 events, the request limit) of realistic
/// events: the shipped sample's lines, repeated.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private const int Events = 10_000;
    private readonly EventParser _parser = new(new IngestLimits());
    private byte[] _ndjson = [];
    private long _receivedMs;

    [GlobalSetup]
    public void Setup()
    {
        var lines = File.ReadAllLines(SampleFile()).Where(l => l.Length > 0).ToArray();
        var body = string.Join('\n', Enumerable.Range(0, Events).Select(i => lines[i % lines.Length]));
        _ndjson = System.Text.Encoding.UTF8.GetBytes(body);
        _receivedMs = DateTimeOffset.Parse("2026-11-29T00:00:00+08:00").ToUnixTimeMilliseconds();
        var check = _parser.Parse(_ndjson, BodyFormat.Ndjson, "t", _receivedMs);
        if (check.Rejected.Count > 0) throw new InvalidOperationException($"sample line rejected: {check.Rejected[0].Code} {check.Rejected[0].Message}");
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int ParseNdjsonRequest() => _parser.Parse(_ndjson, BodyFormat.Ndjson, "t", _receivedMs).Accepted.Count;

    internal static string SampleFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "live-commerce.ndjson");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("samples/live-commerce.ndjson not found above " + AppContext.BaseDirectory);
    }
}

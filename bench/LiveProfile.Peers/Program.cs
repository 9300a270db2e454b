using LiveProfile.Peers;

// `redis --port N [sizes]` or `orleans [sizes]`: the engine and one peer on the same stream, in one run.
// `engine [sizes]`: the engine alone, without tags (to profile its feature path).
// `allocations [sizes]`: the engine alone once, and what its measured events allocated, per type.
if (args.Length == 0 || args[0] is not ("redis" or "orleans" or "engine" or "allocations"))
{
    Console.Error.WriteLine("usage: LiveProfile.Peers redis|orleans|engine|allocations [--users N] [--history N] [--events N] [--port N]");
    return 2;
}
var settings = PeerSettings.Parse(args.AsSpan(1));
return args[0] switch
{
    "redis" => await LiveProfile.Peers.Redis.RedisPeer.RunAsync(settings),
    "orleans" => await LiveProfile.Peers.Orleans.OrleansPeer.RunAsync(settings),
    "allocations" => EngineAllocations(settings),
    _ => EngineAlone(settings),
};

static int EngineAlone(PeerSettings settings)
{
    var stream = PeerStream.Build(settings);
    EngineRun.Best(stream, tags: false);
    return 0;
}

static int EngineAllocations(PeerSettings settings)
{
    var stream = PeerStream.Build(settings);
    using var trace = new AllocationTrace();
    EngineRun.Traced(stream, trace);
    var total = trace.Total;
    Console.WriteLine($"allocated while applying the measured events, sampled: {total / 1048576.0:N0} MiB");
    foreach (var (type, bytes) in trace.Top(12)) Console.WriteLine($"{bytes / 1048576.0,9:N1} MiB {100.0 * bytes / total,5:F1} %  {type}");
    return 0;
}

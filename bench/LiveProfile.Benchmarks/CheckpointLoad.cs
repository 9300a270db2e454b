using System.Diagnostics;
using System.Runtime.CompilerServices;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Storage.Checkpoints;
using LiveProfile.Storage.Dedup;
using LiveProfile.Storage.Privacy;

namespace LiveProfile.Benchmarks;

/// <summary>
/// `checkpoint-load DATA_DIR`: what a restart spends before the log replay, and where the memory goes, without the server
/// around it. Reads the checkpoint files of a stopped server's data directory on one thread (the partitions, then the
/// router's identity graph, then its dedup ids) and opens the key vault, timing each part and measuring the managed heap
/// it keeps (after a full GC). Run it on a directory no server has open.
/// </summary>
internal static class CheckpointLoad
{
    public static int Run(string[] args)
    {
        var root = args[0];
        var checkpoints = Path.Combine(root, "checkpoints");
        var partitions = Directory.GetFiles(checkpoints, "partition-*.ckpt").Order(StringComparer.Ordinal).ToArray();
        var router = Directory.GetFiles(checkpoints, "router-*.ckpt").Single();
        var total = Stopwatch.StartNew();
        var heap = Heap();
        var engines = Measure(() => LoadPartitions(partitions), out var seconds, ref heap);
        var profiles = engines.Sum(e => (long)e.ProfileCount);
        Report("partitions", seconds, heap, profiles, $"{profiles:N0} profiles, {MiB(partitions)} of checkpoint files");
        var identity = Measure(() => Router(router, (identity, _) => identity), out seconds, ref heap);
        Report("identity graph", seconds, heap, profiles, $"{identity.IdentifierCount:N0} identifiers (router file {MiB([router])} with the dedup ids)");
        var dedup = Measure(() => Router(router, (_, dedup) => dedup), out seconds, ref heap);
        Report("dedup ids", seconds, heap, profiles, $"{dedup.Count:N0} event ids of the dedup window");
        var vaultDirectory = Path.Combine(root, "vault");
        using var vault = Measure(() => KeyVault.Open(vaultDirectory), out seconds, ref heap);
        Report("key vault", seconds, heap, profiles, $"{MiB(Directory.GetFiles(vaultDirectory))} on disk");
        Console.WriteLine($"total {total.Elapsed.TotalSeconds:F2} s on one thread (GC pauses {GC.GetTotalPauseDuration().TotalSeconds:F2} s, " +
            $"gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, full GCs for the heap figures included)");
        GC.KeepAlive(engines);
        GC.KeepAlive(identity);
        GC.KeepAlive(dedup);
        return 0;
    }

    /// <summary>Runs <paramref name="load"/>; <paramref name="heap"/> becomes what it keeps, measured after a full GC.</summary>
    private static T Measure<T>(Func<T> load, out double seconds, ref long heap)
    {
        var before = Heap();
        var watch = Stopwatch.StartNew();
        var result = load();
        seconds = watch.Elapsed.TotalSeconds;
        heap = Heap() - before;
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<PartitionEngine> LoadPartitions(string[] files)
    {
        var options = new EngineOptions { Partitions = files.Length };
        var engines = new List<PartitionEngine>();
        foreach (var file in files) engines.Add(CheckpointFile.Read(file, (stream, _) => PartitionEngine.Load(stream, options, new TagRuntime(options.Partitions))));
        return engines;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Router<T>(string file, Func<IdentityGraph, DedupIndex, T> pick) => CheckpointFile.Read(file, (stream, _) =>
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        reader.ReadInt64(); // event-time clock
        var identity = IdentityGraph.Load(reader);
        return pick(identity, DedupIndex.Load(stream, new DedupOptions()));
    });

    private static void Report(string part, double seconds, long heap, long profiles, string what) =>
        Console.WriteLine($"  {part,-15} {seconds,6:F2} s  heap {heap / 1048576.0,7:N0} MiB = {heap / (double)profiles,5:N0} B/profile  ({what})");

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);

    private static string MiB(string[] files) => $"{files.Sum(f => new FileInfo(f).Length) / 1048576.0:N0} MiB";
}

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DuckDB.NET.Data;
using LiveProfile.Engine.Segments;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Benchmarks;

/// <summary>
/// `segments [profiles]`: a 4-term segment count over synthetic profiles (default 100,000,000) by the engine's tag
/// bitmaps (4 partitions, summed as the server does) and by DuckDB on the same data, in one run; prints a table.
/// Membership is a hash of the profile number, computed the same way in C# and in DuckDB's SQL, and both counts must agree.
/// </summary>
internal static class SegmentCount
{
    private const string Expression = "interest:beauty and high_value and region:上海 and not churn_risk";
    private const int Partitions = 4;
    private const int Runs = 50, DuckRuns = 20, Warmup = 3;

    // (tag, DuckDB column, multiplier of the hash, members per thousand)
    private static readonly (string Tag, string Column, ulong Multiplier, int PerMille)[] Tags =
    [
        ("interest:beauty", "beauty", 2654435761, 300),
        ("high_value", "high_value", 2246822519, 80),
        ("region:上海", "shanghai", 3266489917, 60),
        ("churn_risk", "churn", 668265263, 150),
    ];

    public static int Run(string[] args)
    {
        var profiles = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 100_000_000;
        var node = SegmentParser.Parse(Expression, new TaxonomyVocabulary(CompiledTaxonomy.Default));
        Console.WriteLine($"segment: {node}; {profiles:N0} profiles over {Partitions} partitions");

        var watch = Stopwatch.StartNew();
        var partitions = BuildBitmaps(profiles);
        Console.WriteLine($"bitmaps built in {watch.Elapsed.TotalSeconds:F1} s");
        var roaringCount = partitions.Sum(p => SegmentEvaluator.Count(node, p, denseCopies: false));
        var roaringSequential = Measure(Runs, () => partitions.Sum(p => SegmentEvaluator.Count(node, p, denseCopies: false)));
        var roaringParallel = Measure(Runs, () => partitions.AsParallel().Sum(p => SegmentEvaluator.Count(node, p, denseCopies: false)));
        watch.Restart();
        var engineCount = partitions.Sum(p => SegmentEvaluator.Count(node, p)); // makes the tags' dense copies
        Console.WriteLine($"first count (making the dense copies) took {watch.Elapsed.TotalMilliseconds:F0} ms");
        if (engineCount != roaringCount) throw new InvalidOperationException($"counts differ: dense {engineCount:N0}, Roaring {roaringCount:N0}");
        var sequential = Measure(Runs, () => partitions.Sum(p => SegmentEvaluator.Count(node, p)));
        var parallel = Measure(Runs, () => partitions.AsParallel().Sum(p => SegmentEvaluator.Count(node, p)));
        var dense = partitions.Select(p => Tags.Select(t => p.DenseOf(t.Tag)!).ToArray()).ToArray();
        var floor = Measure(Runs, () => dense.AsParallel().Sum(ReadOnce));
        var megabytes = dense.Sum(p => p.Sum(bits => bits.Length * 8L)) / 1e6;

        watch.Restart();
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        Execute(duck, CreateTable(profiles));
        Console.WriteLine($"DuckDB table built in {watch.Elapsed.TotalSeconds:F1} s");
        var sql = $"SELECT count(*) FROM profiles WHERE beauty AND high_value AND shanghai AND NOT churn";
        var duckCount = Scalar(duck, sql);
        var duckTimes = Measure(DuckRuns, () => Scalar(duck, sql));
        if (duckCount != engineCount) throw new InvalidOperationException($"counts differ: engine {engineCount:N0}, DuckDB {duckCount:N0}");

        Console.WriteLine();
        Console.WriteLine($"| system | count | median | p99 | DuckDB ÷ system (median) |");
        Console.WriteLine($"|---|---:|---:|---:|---:|");
        Row("LiveProfile, dense copies of the tags, partitions one after another", engineCount, sequential, duckTimes);
        Row("LiveProfile, dense copies of the tags, partitions in parallel (2 cores)", engineCount, parallel, duckTimes);
        Row("LiveProfile, Roaring bitmaps only, partitions one after another", roaringCount, roaringSequential, duckTimes);
        Row("LiveProfile, Roaring bitmaps only, partitions in parallel (2 cores)", roaringCount, roaringParallel, duckTimes);
        Console.WriteLine($"| reading the four tags' bitsets once, nothing else ({megabytes:F0} MB; the floor, in parallel) | | {Median(floor):F3} ms | {Percentile(floor, 0.99):F3} ms | |");
        Row($"DuckDB {Scalar<string>(duck, "SELECT version()")} (in process, {Scalar<long>(duck, "SELECT current_setting('threads')")} threads)", duckCount, duckTimes, duckTimes);
        foreach (var p in partitions) p.Dispose();
        return 0;
    }

    private static TagBitmaps[] BuildBitmaps(long profiles)
    {
        var partitions = Enumerable.Range(0, Partitions).Select(_ => new TagBitmaps()).ToArray();
        var perPartition = (profiles + Partitions - 1) / Partitions;
        Parallel.For(0, Partitions, p =>
        {
            var bitmaps = partitions[p];
            var count = (uint)Math.Min(perPartition, (profiles - p + Partitions - 1) / Partitions);
            bitmaps.AddProfiles(count);
            foreach (var (tag, _, multiplier, perMille) in Tags)
            {
                var key = TagKeys.Intern(tag);
                var chunk = new List<uint>(1 << 20);
                for (uint ordinal = 0; ordinal < count; ordinal++)
                {
                    // Profile number p + 4·ordinal lives in partition p at that ordinal.
                    if (Member(p + (long)Partitions * ordinal, multiplier, perMille)) chunk.Add(ordinal);
                    if (chunk.Count == chunk.Capacity) { bitmaps.SetMany(key, [.. chunk]); chunk.Clear(); }
                }
                bitmaps.SetMany(key, [.. chunk]);
            }
        });
        return partitions;
    }

    /// <summary>Reads every word of the bitsets once, side by side as the count does, and only xors them together.</summary>
    private static long ReadOnce(ulong[][] bitsets)
    {
        var words = bitsets.Min(bits => bits.Length);
        var acc = Vector256<ulong>.Zero;
        for (var i = 0; i + Vector256<ulong>.Count <= words; i += Vector256<ulong>.Count)
        {
            foreach (var bits in bitsets) acc ^= Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(bits), (nuint)i);
        }
        return (long)(acc.GetElement(0) ^ acc.GetElement(3)) & 1;
    }

    private static bool Member(long profile, ulong multiplier, int perMille)
    {
        var a = (ulong)profile * multiplier % 4294967296UL;
        return (a ^ (a >> 13)) * 1274126177UL % 4294967296UL % 1000 < (ulong)perMille;
    }

    /// <summary>The same membership in SQL: one row per profile, one boolean column per tag.</summary>
    private static string CreateTable(long profiles)
    {
        var columns = string.Join(",\n  ", Tags.Select((t, i) => $"xor(h{i}, h{i} >> 13) * 1274126177 % 4294967296 % 1000 < {t.PerMille} AS {t.Column}"));
        var hashes = string.Join(", ", Tags.Select((t, i) => $"range * {t.Multiplier} % 4294967296 AS h{i}"));
        return $"CREATE TABLE profiles AS SELECT range AS profile,\n  {columns}\nFROM (SELECT range, {hashes} FROM range({profiles}))";
    }

    private static List<double> Measure(int runs, Func<long> query)
    {
        for (var i = 0; i < Warmup; i++) query();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    private static void Row(string system, long count, List<double> times, List<double> duck) =>
        Console.WriteLine($"| {system} | {count:N0} | {Median(times):F3} ms | {Percentile(times, 0.99):F3} ms | {Median(duck) / Median(times):F0}× |");

    private static double Median(List<double> sorted) => Percentile(sorted, 0.5);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static void Execute(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(DuckDBConnection duck, string sql) => Convert.ToInt64(Scalar<object>(duck, sql), CultureInfo.InvariantCulture);

    private static T Scalar<T>(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }
}

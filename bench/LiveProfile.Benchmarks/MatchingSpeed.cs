using System.Diagnostics;
using System.Globalization;
using LiveProfile.Matching;
using LiveProfile.Simulation.Identities;
using LiveProfile.Text;

namespace LiveProfile.Benchmarks;

/// <summary>
/// `matching [people]`: candidates for one new identity against the shop accounts of <c>people</c> generated people
/// (default 15,000,000, about 10M accounts; the independent generator of `liveprofile evaluate-matching`): the matcher
/// is built and fitted on 50,000 viewers (untimed but reported), then 20,000 other viewers are matched one at a time,
/// each timed.
/// </summary>
internal static class MatchingSpeed
{
    private const int Queries = 20_000, FitRecords = 50_000;

    public static int Run(string[] args)
    {
        var people = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15_000_000;
        var watch = Stopwatch.StartNew();
        var data = IndependentSplitIdentities.Build(people, seed: 1, viewersFrom: Math.Max(0, people - FitRecords - Queries));
        Console.WriteLine($"{data.Accounts.Count:N0} accounts and {data.Viewers.Count:N0} viewers generated in {watch.Elapsed.TotalSeconds:F1} s");

        using var pinyin = Pinyin.TryCreate() ?? throw new InvalidOperationException("ICU (libicu) is needed for pinyin");
        watch.Restart();
        var matcher = new Matcher(data.Accounts.Select(ToRecord), pinyin);
        var viewers = data.Viewers.Select(ToRecord).ToList();
        data = null; // the matcher holds what it needs of the accounts
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"matcher built in {watch.Elapsed.TotalSeconds:F1} s; managed heap {heap / 1e9:F2} GB ({heap / (double)matcher.AccountCount:F0} B per account)");
        watch.Restart();
        var model = matcher.Fit(viewers.GetRange(0, Math.Max(0, viewers.Count - Queries)));
        Console.WriteLine($"fitted on {Math.Max(0, viewers.Count - Queries):N0} viewers in {watch.Elapsed.TotalSeconds:F1} s (prior {model.Prior:E2})");

        // Queries from the end of the set: viewers the fit did not see.
        var queries = viewers.GetRange(Math.Max(0, viewers.Count - Queries), Math.Min(Queries, viewers.Count));
        foreach (var viewer in queries.Take(2_000)) matcher.Candidates(viewer); // warm-up
        var times = new List<double>(queries.Count);
        var candidates = 0L;
        foreach (var viewer in queries)
        {
            var started = Stopwatch.GetTimestamp();
            candidates += matcher.Candidates(viewer).Count;
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine();
        Console.WriteLine("| accounts | queries | median | p99 | p99.9 | max |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {matcher.AccountCount:N0} | {queries.Count:N0} | {P(times, 0.5):F3} ms | {P(times, 0.99):F3} ms | {P(times, 0.999):F3} ms | {times[^1]:F3} ms |");
        Console.WriteLine($"({candidates / (double)queries.Count:F1} candidates returned per query on average, at most 5)");
        return 0;
    }

    private static PersonRecord ToRecord(IdentityRecord r) => new(r.Id, r.Nickname, r.Devices, r.Phone, r.Province, r.City, r.AddressTokens,
        r.Touches?.Select(t => new ProductTouch(t.Product, t.Minute)).ToArray());

    private static double P(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

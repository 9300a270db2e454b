using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveProfile.Matching;
using LiveProfile.Simulation;
using LiveProfile.Simulation.Identities;
using LiveProfile.Text;

namespace LiveProfile.Cli.Evaluate;

/// <summary>
/// <c>liveprofile evaluate-matching</c>: fits the matcher to a set of split identities (viewers against shop accounts,
/// without their labels), decides every viewer, and scores the automatic links against the truth: precision (links to
/// the right account), recall (people with an account linked to it), the review queue, and the worst mistakes with the
/// fields that made them.
/// </summary>
internal static class MatchingEvaluation
{
    public static int Run(string set, int people, int seed, string? reportPath, TextWriter output, double autoLinkAt = 0.95)
    {
        var options = new MatchOptions { AutoLinkAt = autoLinkAt, ReviewAt = Math.Min(new MatchOptions().ReviewAt, autoLinkAt) };
        var watch = Stopwatch.StartNew();
        var data = set switch
        {
            "simulator" => SimulatedSplitIdentities.Build(new SimulationOptions { Users = people, Seed = seed, Days = 30 }),
            "independent" => IndependentSplitIdentities.Build(people, seed),
            _ => throw new ArgumentException($"unknown set '{set}' (simulator or independent)", nameof(set)),
        };
        output.WriteLine($"{data.Name}: {data.Accounts.Count:N0} accounts, {data.Viewers.Count:N0} viewers ({data.TrueAccount.Count:N0} with an account), built in {watch.Elapsed.TotalSeconds:F1} s");

        using var pinyin = Pinyin.TryCreate();
        if (pinyin is null) output.WriteLine("ICU is not available here: nicknames are compared without pinyin");
        watch.Restart();
        var matcher = new Matcher(data.Accounts.Select(ToRecord), pinyin, options);
        var viewers = data.Viewers.Select(ToRecord).ToList();
        output.WriteLine($"accounts indexed in {watch.Elapsed.TotalSeconds:F1} s");
        watch.Restart();
        var model = matcher.Fit(viewers, seed: seed);
        output.WriteLine($"model fitted in {watch.Elapsed.TotalSeconds:F1} s ({model.Iterations} EM iterations; prior {model.Prior:E2})");

        // One viewer at a time, as a new viewer arrives: the latency of finding and weighing its candidates.
        var alone = new MatchingScore();
        var times = new List<double>(viewers.Count);
        var progress = Stopwatch.StartNew();
        for (var i = 0; i < viewers.Count; i++)
        {
            var viewer = viewers[i];
            var started = Stopwatch.GetTimestamp();
            var candidates = matcher.Candidates(viewer);
            var decision = matcher.Decide(candidates);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            alone.Add(viewer, data.TrueAccount.GetValueOrDefault(viewer.Id), candidates, decision);
            if (progress.Elapsed.TotalSeconds >= 5)
            {
                output.WriteLine($"  matched {i + 1:N0} of {viewers.Count:N0}");
                progress.Restart();
            }
        }
        times.Sort();
        output.WriteLine($"one at a time: precision {alone.Precision:F4}, recall {alone.Recall:F4}, {alone.Review:N0} to review");
        // The batch together: an account is at most one viewer, so a sure link takes it out of other viewers' rivals.
        watch.Restart();
        var score = new MatchingScore();
        var decided = matcher.DecideAll(viewers);
        for (var i = 0; i < viewers.Count; i++)
        {
            var truth = data.TrueAccount.GetValueOrDefault(viewers[i].Id);
            score.Add(viewers[i], truth, decided[i].Candidates, decided[i].Decision);
            if (truth is not null && (decided[i].Decision != MatchDecision.AutoLink || decided[i].Candidates[0].AccountId != truth))
            {
                score.MissedEvidence(matcher.Weigh(viewers[i], truth), matcher.Candidates(viewers[i], int.MaxValue).Any(c => c.AccountId == truth));
            }
        }
        output.WriteLine($"decided together in {watch.Elapsed.TotalSeconds:F1} s");
        var report = Report(data, model, score, times, seed);
        output.Write(report);
        if (reportPath is not null) File.WriteAllText(reportPath, report);
        return 0;
    }

    private static PersonRecord ToRecord(IdentityRecord r) => new(r.Id, r.Nickname, r.Devices, r.Phone, r.Province, r.City, r.AddressTokens,
        r.Touches?.Select(t => new ProductTouch(t.Product, t.Minute)).ToArray());

    private static string Report(SplitIdentitySet data, MatchModel model, MatchingScore score, List<double> times, int seed)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine();
        sb.AppendLine(inv, $"| set | viewers | with an account | auto-linked | right | precision | recall | to review | review holds the right account |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        sb.AppendLine(inv, $"| {data.Name} (seed {seed}) | {score.Viewers:N0} | {score.WithAccount:N0} | {score.Linked:N0} | {score.Right:N0} | {score.Precision:F4} | {score.Recall:F4} | {score.Review:N0} | {score.ReviewHoldsTruth:N0} |");
        sb.AppendLine();
        sb.AppendLine("Linking every best candidate at or above a threshold instead (the auto-link threshold is `AutoLinkAt`):");
        sb.AppendLine();
        sb.AppendLine("| threshold | linked | right | precision | recall |");
        sb.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var threshold in new[] { 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999 })
        {
            var (linked, right) = score.At(threshold);
            sb.AppendLine(inv, $"| {threshold} | {linked:N0} | {right:N0} | {(linked == 0 ? 1 : right / (double)linked):F4} | {right / (double)Math.Max(1, score.WithAccount):F4} |");
        }
        sb.AppendLine();
        sb.AppendLine(inv, $"Candidates per viewer: median {Percentile(times, 0.5):F3} ms, p99 {Percentile(times, 0.99):F3} ms over {data.Accounts.Count:N0} accounts.");
        sb.AppendLine();
        sb.AppendLine("| field | level | m | u | weight (bits) |");
        sb.AppendLine("|---|---|---:|---:|---:|");
        foreach (var field in MatchLevels.Fields)
        {
            for (byte level = 0; level < MatchLevels.Count(field); level++)
            {
                sb.AppendLine(inv, $"| {field} | {MatchLevels.Name(field, level)} | {model.M(field, level):F4} | {model.U(field, level):F6} | {model.Weight(field, level):F2} |");
            }
        }
        sb.AppendLine();
        sb.AppendLine("What the missed people (an account, not linked to it) share with their own account:");
        sb.AppendLine();
        sb.AppendLine("| evidence with the right account | missed |");
        sb.AppendLine("|---|---:|");
        foreach (var (evidence, count) in score.MissedByEvidence.OrderByDescending(e => e.Value)) sb.AppendLine(inv, $"| {evidence} | {count:N0} |");
        foreach (var (title, examples) in new[] { ("Wrong links", score.WrongLinks), ("Missed (the right account was not linked)", score.Missed) })
        {
            if (examples.Count == 0) continue;
            sb.AppendLine();
            sb.AppendLine(inv, $"{title}, the first {examples.Count}:");
            foreach (var line in examples) sb.AppendLine(inv, $"- {line}");
        }
        return sb.ToString();
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Counts of one evaluation and a few examples of each kind of mistake, explained field by field.</summary>
    private sealed class MatchingScore
    {
        private const int Examples = 5;

        public int Viewers { get; private set; }
        public int WithAccount { get; private set; }
        public int Linked { get; private set; }
        public int Right { get; private set; }
        public int Review { get; private set; }
        public int ReviewHoldsTruth { get; private set; }
        public List<string> WrongLinks { get; } = [];
        public List<string> Missed { get; } = [];

        public double Precision => Linked == 0 ? 1 : Right / (double)Linked;
        public double Recall => WithAccount == 0 ? 1 : Right / (double)WithAccount;

        private readonly List<(double Probability, bool Right)> _best = [];

        /// <summary>Missed people by the strongest evidence they share with their own account.</summary>
        public Dictionary<string, int> MissedByEvidence { get; } = [];

        public void MissedEvidence(MatchCandidate? truth, bool blocked)
        {
            var key = (truth is null ? "account unknown to the matcher" : Evidence(truth)) + (blocked ? "" : "; never a candidate (no shared block)");
            MissedByEvidence[key] = MissedByEvidence.GetValueOrDefault(key) + 1;
        }

        /// <summary>The strongest kind of evidence a pair shares: an identifier, products touched together, a name, or nothing.</summary>
        private static string Evidence(MatchCandidate pair)
        {
            string Level(MatchField field) => pair.Fields[(int)field].Level;
            if (Level(MatchField.Phone) == "same" || Level(MatchField.Device) == "shared") return "a phone or a device";
            if (Level(MatchField.CoClicks) is "one" or "two or more") return "products touched together (no phone, no device)";
            var name = Level(MatchField.Nickname);
            var city = Level(MatchField.City) == "same" ? " and the city" : "";
            return name is "same" or "same pinyin" ? $"the nickname{city} only" : name is "similar" ? $"a similar nickname{city} only" : $"no nickname agreement{city}";
        }

        /// <summary>Links and right links if every best candidate at or above <paramref name="threshold"/> were linked.</summary>
        public (int Linked, int Right) At(double threshold) =>
            (_best.Count(b => b.Probability >= threshold), _best.Count(b => b.Probability >= threshold && b.Right));

        public void Add(PersonRecord viewer, string? truth, IReadOnlyList<MatchCandidate> candidates, MatchDecision decision)
        {
            Viewers++;
            if (candidates.Count > 0) _best.Add((candidates[0].Probability, candidates[0].AccountId == truth));
            if (truth is not null) WithAccount++;
            if (decision == MatchDecision.Review)
            {
                Review++;
                if (truth is not null && candidates.Any(c => c.AccountId == truth)) ReviewHoldsTruth++;
            }
            if (decision == MatchDecision.AutoLink)
            {
                Linked++;
                if (candidates[0].AccountId == truth) Right++;
                else if (WrongLinks.Count < Examples) WrongLinks.Add(Explain(viewer, candidates[0], truth));
            }
            else if (truth is not null && Missed.Count < Examples)
            {
                var found = candidates.FirstOrDefault(c => c.AccountId == truth);
                Missed.Add(found is null ? $"{Describe(viewer)}: {truth} was not among the candidates ({decision})" : Explain(viewer, found, truth) + $" ({decision})");
            }
        }

        private static string Explain(PersonRecord viewer, MatchCandidate candidate, string? truth) =>
            $"{Describe(viewer)} → {candidate.AccountId} (p {candidate.Probability:F4}; truth {truth ?? "none"}): "
            + string.Join(", ", candidate.Fields.Where(f => f.Level != "missing").Select(f => $"{f.Field} {f.Level} {f.Weight:+0.0;-0.0}"));

        private static string Describe(PersonRecord r) =>
            $"{r.Id} [{r.Nickname}; {r.Province}/{r.City}; device {(r.Devices is { Count: > 0 } ? "yes" : "no")}; phone {(r.PhoneHash is null ? "no" : "yes")}]";
    }
}

namespace LiveProfile.Matching;

/// <summary>
/// Estimates a <see cref="MatchModel"/> from unlabelled data. u comes from random pairs of records, almost all of
/// them different people; m and the prior from the blocked candidate pairs by expectation-maximisation of the
/// two-class mixture (fields independent within each class), with u held fixed, one pass per blocking rule
/// (<see cref="FitByRule"/>). Pairs are grouped by their pattern of levels, so each iteration costs the number of
/// distinct patterns, not of pairs.
/// </summary>
public static class MatchModelTrainer
{
    private const double Floor = 1e-6;

    /// <summary>u per field and level: level frequencies among random pairs, smoothed so that no level is impossible.</summary>
    public static double[][] EstimateU(IEnumerable<byte[]> randomPairs)
    {
        var counts = MatchLevels.Fields.Select(f => new double[MatchLevels.Count(f)]).ToArray();
        foreach (var levels in randomPairs)
        {
            for (var f = 0; f < counts.Length; f++) if (levels[f] != MatchLevels.Missing) counts[f][levels[f]]++;
        }
        return [.. counts.Select(row => Normalise(row.Select(c => c + 0.5).ToArray()))];
    }

    /// <summary>
    /// m from pairs that share a phone number or a device, almost surely the same person: for every other field, how
    /// often such pairs agree at each level (the phone's m from pairs sharing a device, the device's from pairs sharing a
    /// phone). A start for <see cref="Fit"/> in the right place: a mixture fitted from an arbitrary start can take a
    /// cluster of look-alike strangers for the matches.
    /// </summary>
    public static double[][] AnchoredM(IEnumerable<byte[]> pairs)
    {
        var counts = MatchLevels.Fields.Select(f => Enumerable.Repeat(0.5, MatchLevels.Count(f)).ToArray()).ToArray();
        const int phone = (int)MatchField.Phone, device = (int)MatchField.Device;
        foreach (var levels in pairs)
        {
            var byPhone = levels[phone] == 0;
            var byDevice = levels[device] == 0;
            if (!byPhone && !byDevice) continue;
            for (var f = 0; f < levels.Length; f++)
            {
                if (levels[f] == MatchLevels.Missing) continue;
                if (f == phone && !byDevice || f == device && !byPhone) continue; // the anchor itself says nothing of its m
                counts[f][levels[f]]++;
            }
        }
        return [.. counts.Select(Normalise)];
    }

    /// <summary>One pass of EM over <paramref name="candidatePairs"/> (levels; missing where unknown) with u held fixed.</summary>
    /// <param name="startM">Where the fit starts (<see cref="AnchoredM"/>); by default every field's best level is likely.</param>
    public static MatchModel Fit(IEnumerable<byte[]> candidatePairs, double[][] u, double[][]? startM = null, int maxIterations = 500,
        double tolerance = 1e-8)
    {
        var pass = FitPass(candidatePairs, u, startM, maxIterations, tolerance);
        var m = pass.M.Select((row, f) => pass.Evidence[f] > 0 ? row : [.. u[f]]).ToArray();
        return new MatchModel(pass.Prior, m, u, pass.Iterations);
    }

    /// <summary>
    /// EM per blocking rule, combined. A rule's pairs agree on the rule's fields because the rule found them, so in its
    /// pass those fields are unknown, and the pass learns the m of the other fields only; each field's m is the average
    /// of the passes that learnt it, weighted by how many matches each saw with the field. The prior is then fitted over
    /// all pairs with m and u fixed.
    /// </summary>
    /// <param name="passes">Per rule, the pairs it found with its fields already set to missing.</param>
    /// <param name="allPairs">Every candidate pair, with all its levels.</param>
    public static MatchModel FitByRule(IReadOnlyList<IReadOnlyList<byte[]>> passes, IReadOnlyList<byte[]> allPairs, double[][] u, double[][] startM,
        int maxIterations = 500, double tolerance = 1e-8)
    {
        var sums = MatchLevels.Fields.Select(f => new double[MatchLevels.Count(f)]).ToArray();
        var evidence = new double[sums.Length];
        var iterations = 0;
        foreach (var pairs in passes.Where(p => p.Count > 0))
        {
            var pass = FitPass(pairs, u, startM, maxIterations, tolerance);
            iterations += pass.Iterations;
            for (var f = 0; f < sums.Length; f++)
            {
                for (var l = 0; l < sums[f].Length; l++) sums[f][l] += pass.Evidence[f] * pass.M[f][l];
                evidence[f] += pass.Evidence[f];
            }
        }
        var m = sums.Select((row, f) => evidence[f] > 0 ? Normalise(row) : [.. u[f]]).ToArray();
        return new MatchModel(FitPrior(allPairs, m, u, maxIterations, tolerance), m, u, iterations);
    }

    /// <summary>The share of matches among <paramref name="pairs"/> under fixed m and u (EM on the prior alone).</summary>
    private static double FitPrior(IReadOnlyList<byte[]> pairs, double[][] m, double[][] u, int maxIterations, double tolerance)
    {
        var patterns = Patterns(pairs);
        var prior = 0.1;
        for (var i = 0; i < maxIterations; i++)
        {
            var next = Math.Clamp(patterns.Values.Sum(p => Posterior(p.Levels, m, u, prior) * p.Count) / pairs.Count, Floor, 1 - Floor);
            var change = Math.Abs(next - prior);
            prior = next;
            if (change < tolerance) break;
        }
        return prior;
    }

    private static (double[][] M, double[] Evidence, double Prior, int Iterations) FitPass(IEnumerable<byte[]> candidatePairs, double[][] u,
        double[][]? startM, int maxIterations, double tolerance)
    {
        var patterns = Patterns(candidatePairs);
        if (patterns.Count == 0) throw new ArgumentException("no candidate pairs to learn from", nameof(candidatePairs));

        // Start: matches agree on the best level of every field (or as anchored); a tenth of the candidates are matches.
        var m = startM?.Select(row => (double[])row.Clone()).ToArray()
            ?? MatchLevels.Fields.Select(f => Normalise([.. Enumerable.Range(0, MatchLevels.Count(f)).Select(l => l == 0 ? 8.0 : 1.0)])).ToArray();
        var prior = 0.1;
        var present = new double[m.Length];
        var iterations = 0;
        for (; iterations < maxIterations; iterations++)
        {
            var mNext = MatchLevels.Fields.Select(f => new double[MatchLevels.Count(f)]).ToArray();
            Array.Clear(present);
            double matches = 0, total = 0;
            foreach (var (levels, count) in patterns.Values)
            {
                var g = Posterior(levels, m, u, prior);
                matches += g * count;
                total += count;
                for (var f = 0; f < levels.Length; f++)
                {
                    if (levels[f] == MatchLevels.Missing) continue;
                    mNext[f][levels[f]] += g * count;
                    present[f] += g * count;
                }
            }
            var change = Math.Abs(matches / total - prior);
            prior = Math.Clamp(matches / total, Floor, 1 - Floor);
            for (var f = 0; f < m.Length; f++)
            {
                if (present[f] <= 0) continue;
                var row = Normalise([.. mNext[f].Select(v => v + 0.5)]); // half a match per level: no level impossible
                for (var l = 0; l < row.Length; l++) change = Math.Max(change, Math.Abs(row[l] - m[f][l]));
                m[f] = row;
            }
            if (change < tolerance) break;
        }
        return (m, present, prior, iterations + 1);
    }

    /// <summary>
    /// u as estimated from random pairs counts the few true matches among them (one pair in N accounts): removes them,
    /// given m and the share of matches among random pairs, keeping every level possible (at least <paramref name="floor"/>).
    /// </summary>
    public static double[][] WithoutMatches(double[][] u, MatchModel model, double randomPrior, double floor) =>
        [.. MatchLevels.Fields.Select(field => Normalise([.. Enumerable.Range(0, MatchLevels.Count(field)).Select(level =>
            Math.Max(floor, (u[(int)field][level] - randomPrior * model.M(field, (byte)level)) / (1 - randomPrior)))]))];

    private static double Posterior(byte[] levels, double[][] m, double[][] u, double prior)
    {
        double logMatch = Math.Log(prior), logOther = Math.Log(1 - prior);
        for (var f = 0; f < levels.Length; f++)
        {
            if (levels[f] == MatchLevels.Missing) continue;
            logMatch += Math.Log(m[f][levels[f]]);
            logOther += Math.Log(u[f][levels[f]]);
        }
        return 1 / (1 + Math.Exp(logOther - logMatch));
    }

    /// <summary>Pairs grouped by their pattern of levels, with how many share it.</summary>
    private static Dictionary<ulong, (byte[] Levels, long Count)> Patterns(IEnumerable<byte[]> pairs)
    {
        var patterns = new Dictionary<ulong, (byte[] Levels, long Count)>();
        foreach (var levels in pairs)
        {
            var key = Pack(levels);
            patterns[key] = patterns.TryGetValue(key, out var seen) ? (seen.Levels, seen.Count + 1) : ((byte[])levels.Clone(), 1);
        }
        return patterns;
    }

    private static ulong Pack(byte[] levels)
    {
        ulong key = 0;
        foreach (var level in levels) key = key << 8 | level;
        return key;
    }

    private static double[] Normalise(double[] row)
    {
        var sum = row.Sum();
        return [.. row.Select(v => v / sum)];
    }
}

namespace LiveProfile.Prediction.Churn;

/// <summary>Metrics of predicted probabilities against binary outcomes, computed directly (they are short and exact).</summary>
internal static class RankMetrics
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random positive is ranked above a random negative, ties counting
    /// half (Mann-Whitney U from average ranks). NaN without both classes.
    /// </summary>
    public static double Auc(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        Check(scores, labels);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positives = labels.Count(l => l), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        double rankSum = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            var averageRank = (i + j) / 2.0 + 1; // ranks are 1-based; ties share their average
            for (var k = i; k <= j; k++) if (labels[order[k]]) rankSum += averageRank;
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Mean squared difference between the predicted probability and the outcome (0 is perfect, 0.25 a coin).</summary>
    public static double Brier(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels)
    {
        Check(probabilities, labels);
        var sum = 0.0;
        for (var i = 0; i < probabilities.Count; i++) sum += Math.Pow(probabilities[i] - (labels[i] ? 1 : 0), 2);
        return probabilities.Count == 0 ? double.NaN : sum / probabilities.Count;
    }

    /// <summary>Mean negative log-likelihood in nats, probabilities clipped to [1e-15, 1 − 1e-15].</summary>
    public static double LogLoss(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels)
    {
        Check(probabilities, labels);
        var sum = 0.0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return probabilities.Count == 0 ? double.NaN : sum / probabilities.Count;
    }

    /// <summary>Reliability bins: predictions grouped by equal-width ranges of probability, each with its observed rate.</summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, int bins)
    {
        Check(probabilities, labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new int[bins];
        var predicted = new double[bins];
        var observed = new int[bins];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var bin = Math.Clamp((int)(probabilities[i] * bins), 0, bins - 1);
            count[bin]++;
            predicted[bin] += probabilities[i];
            if (labels[i]) observed[bin]++;
        }
        return [.. Enumerable.Range(0, bins).Where(b => count[b] > 0)
            .Select(b => new ReliabilityBin((double)b / bins, count[b], predicted[b] / count[b], (double)observed[b] / count[b]))];
    }

    private static void Check<T>(IReadOnlyList<T> values, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labels);
        if (values.Count != labels.Count) throw new ArgumentException("one label per value", nameof(labels));
    }
}

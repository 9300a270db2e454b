using LiveProfile.Prediction.Churn;

namespace LiveProfile.Prediction.Tests;

public sealed class RankMetricsTests
{
    [Fact]
    public void Auc_PerfectReversedAndTied_AreOneZeroAndHalf()
    {
        bool[] labels = [false, false, true, true];
        Assert.Equal(1.0, RankMetrics.Auc([0.1f, 0.2f, 0.8f, 0.9f], labels), 12);
        Assert.Equal(0.0, RankMetrics.Auc([0.9f, 0.8f, 0.2f, 0.1f], labels), 12);
        Assert.Equal(0.5, RankMetrics.Auc([0.5f, 0.5f, 0.5f, 0.5f], labels), 12);
    }

    [Fact]
    public void Auc_AgainstCountingEveryPair()
    {
        var random = new Random(3);
        var scores = Enumerable.Range(0, 300).Select(_ => (float)Math.Round(random.NextDouble(), 1)).ToArray(); // many ties
        var labels = scores.Select(s => random.NextDouble() < s).ToArray();
        double wins = 0, pairs = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            for (var j = 0; j < scores.Length; j++)
            {
                if (!labels[i] || labels[j]) continue;
                pairs++;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        Assert.Equal(wins / pairs, RankMetrics.Auc(scores, labels), 12);
    }

    [Fact]
    public void Auc_OneClassOnly_IsNaN() => Assert.True(double.IsNaN(RankMetrics.Auc([0.2f, 0.4f], [true, true])));

    [Fact]
    public void BrierLogLossAndReliability_OnKnownValues()
    {
        float[] p = [0.9f, 0.2f, 0.15f, 0.7f];
        bool[] y = [true, false, true, false];
        Assert.Equal((0.01 + 0.04 + 0.7225 + 0.49) / 4, RankMetrics.Brier(p, y), 6);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.15) + Math.Log(0.3)) / 4, RankMetrics.LogLoss(p, y), 6);
        var bins = RankMetrics.Reliability(p, y, bins: 2);
        Assert.Equal([(0.0, 2, 0.175, 0.5), (0.5, 2, 0.8, 0.5)], bins.Select(b => (b.From, b.Examples, Math.Round(b.MeanPredicted, 6), b.ObservedRate)));
    }

    [Fact]
    public void Classifier_LearnsASeparableRule_AndRejectsOneClass()
    {
        var random = new Random(5);
        var examples = Enumerable.Range(0, 400).Select(_ =>
        {
            var idle = (float)random.Next(60);
            return new ChurnExample { Features = [idle, (float)random.NextDouble()], Label = idle > 30 };
        }).ToList();
        var model = ChurnClassifier.Train(examples[..300]);
        var evaluation = model.Evaluate(examples[300..]);
        Assert.True(evaluation.Auc > 0.95, $"AUC {evaluation.Auc}");
        Assert.Throws<ArgumentException>(() => ChurnClassifier.Train([.. examples.Where(e => e.Label)]));
    }
}

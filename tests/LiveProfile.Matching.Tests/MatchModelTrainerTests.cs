namespace LiveProfile.Matching.Tests;

/// <summary>EM recovers the parameters that generated unlabelled comparison patterns.</summary>
public sealed class MatchModelTrainerTests
{
    // Per field, the level distribution of matches (m) and of non-matches (u) that generate the data.
    private static readonly double[][] TrueM =
    [
        [0.55, 0.15, 0.1, 0.1, 0.1], [0.9, 0.1], [0.8, 0.2], [0.9, 0.1], [0.8, 0.2], [0.7, 0.2, 0.1], [0.3, 0.3, 0.4],
    ];
    private static readonly double[][] TrueU =
    [
        [0.01, 0.01, 0.03, 0.1, 0.85], [0.0001, 0.9999], [0.001, 0.999], [0.08, 0.92], [0.03, 0.97], [0.01, 0.09, 0.9], [0.0001, 0.001, 0.9989],
    ];

    [Theory]
    [InlineData(1, 0.1)]
    [InlineData(2, 0.3)]
    public void Fit_PatternsFromKnownParameters_RecoversThem(int seed, double prior)
    {
        var random = new Random(seed);
        var pairs = Enumerable.Range(0, 60_000).Select(_ => Draw(random.NextDouble() < prior ? TrueM : TrueU, random)).ToList();
        var u = MatchModelTrainer.EstimateU(Enumerable.Range(0, 200_000).Select(_ => Draw(TrueU, random)));
        var model = MatchModelTrainer.Fit(pairs, u);

        Assert.InRange(model.Prior, prior - 0.02, prior + 0.02);
        foreach (var field in MatchLevels.Fields)
        {
            for (byte level = 0; level < MatchLevels.Count(field); level++)
            {
                Assert.InRange(model.M(field, level), TrueM[(int)field][level] - 0.03, TrueM[(int)field][level] + 0.03);
            }
        }
        // Agreement on a phone is strong evidence, disagreement on a nickname is evidence against.
        Assert.True(model.Weight(MatchField.Phone, 0) > 10);
        Assert.True(model.Weight(MatchField.Nickname, 4) < -2);
    }

    [Fact]
    public void Fit_NoPairs_IsAnError() =>
        Assert.Throws<ArgumentException>(() => MatchModelTrainer.Fit([], MatchModelTrainer.EstimateU([Draw(TrueU, new Random(1))])));

    private static byte[] Draw(double[][] distribution, Random random)
    {
        var levels = new byte[distribution.Length];
        for (var f = 0; f < distribution.Length; f++)
        {
            var x = random.NextDouble();
            byte level = 0;
            while (level < distribution[f].Length - 1 && (x -= distribution[f][level]) > 0) level++;
            levels[f] = level;
        }
        return levels;
    }
}

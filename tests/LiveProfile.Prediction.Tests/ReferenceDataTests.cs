namespace LiveProfile.Prediction.Tests;

/// <summary>The reference files parse to the counts their README states, and the two files describe the same customers.</summary>
public sealed class ReferenceDataTests
{
    [Fact]
    public void Cdnow_Summaries_MatchReadmeCountsAndEachOther()
    {
        var summary = ReferenceData.CdnowSummary;
        var withSpend = ReferenceData.CdnowSummaryWithSpend;

        Assert.Equal(2357, summary.Count);
        Assert.Equal(2357, withSpend.Count);
        Assert.Equal(946, summary.Count(c => c.Frequency > 0));
        for (var i = 0; i < summary.Count; i++)
        {
            Assert.Equal((summary[i].Frequency, summary[i].Recency, summary[i].Age), (withSpend[i].Frequency, withSpend[i].Recency, withSpend[i].Age));
        }
        // Customer 1: x = 2, t_x = 30.43, T = 38.86, zbar = 22.35 (the FHL paper's worked example).
        Assert.Equal(new RepeatPurchaseSummary(2, 30.43, 38.86, 22.35), withSpend[0]);
        Assert.All(withSpend.Where(c => c.Frequency > 0), c => Assert.True(c.MeanRepeatSpend > 0));
    }
}

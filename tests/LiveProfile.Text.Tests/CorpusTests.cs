namespace LiveProfile.Text.Tests;

public sealed class CorpusTests
{
    [Fact]
    public void Corpus_CoversEveryIntent_WithEnoughRowsAndAHeldOutSplit()
    {
        Assert.True(CommentCorpus.Rows.Count >= 1500);
        foreach (var intent in CommentIntents.All)
        {
            Assert.True(CommentCorpus.Rows.Count(r => r.Intent == intent) >= 100, intent);
            Assert.Contains(CommentCorpus.Test, r => r.Intent == intent);
        }
        var testShare = (double)CommentCorpus.Test.Count / CommentCorpus.Rows.Count;
        Assert.InRange(testShare, 0.15, 0.3);
        // Most test rows must come from phrasings the classifier never trained on.
        Assert.True(CommentCorpus.TestHeldOutTemplates.Count >= 0.5 * CommentCorpus.Test.Count);
    }

    [Fact]
    public void Corpus_TestRows_AreNeverCopiesOfTrainRows()
    {
        var train = CommentCorpus.Train.Select(r => CommentSegmenter.Normalize(r.Text)).ToHashSet();
        Assert.DoesNotContain(CommentCorpus.Test, r => train.Contains(CommentSegmenter.Normalize(r.Text)));
    }
}

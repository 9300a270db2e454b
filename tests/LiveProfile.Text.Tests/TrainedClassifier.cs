namespace LiveProfile.Text.Tests;

/// <summary>One classifier trained on the train split, shared by the tests (training takes seconds).</summary>
internal static class TrainedClassifier
{
    private static readonly Lazy<CommentIntentClassifier> Trained = new(() => CommentIntentClassifier.Train(CommentCorpus.Train, seed: 1));

    public static CommentIntentClassifier Instance => Trained.Value;
}

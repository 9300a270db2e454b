using LiveProfile.Engine.Contract;
using LiveProfile.Text;

namespace LiveProfile.Server.Ingest;

/// <summary>The engine's comment classifier, backed by LiveProfile.Text (jieba + lexicon + the shipped ML.NET model).</summary>
internal sealed class TextCommentClassifier : ICommentIntentClassifier
{
    public CommentIntent Classify(string text) =>
        Engine.Contract.CommentIntents.TryParse(CommentIntentClassifier.Default.Classify(text).Intent, out var intent) ? intent : CommentIntent.Other;
}
